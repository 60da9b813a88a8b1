import { describe, expect, it } from 'vitest';
import { cleanText, normalise, stem } from '../../../api/domain/routing/normalise.js';

describe('normalise', () => {
  it.each([
    ['Hello, WORLD!!', 'hello world'],
    ['ｆｕｌｌ ｗｉｄｔｈ', 'full width'], // NFKC
    ['Café déjà vu', 'cafe deja vu'], // diacritics
    ["I can't log in", 'i can not log in'],
    ['I won’t pay', 'i will not pay'], // typographic apostrophe
    ["what's my balance?", 'what my balance'],
    ["I'm sure they'll call, I've waited", 'i am sure they will call i have waited'],
    ['dont cancel it', 'do not cancel it'],
    ['e-mail/password   reset', 'e mail password reset'],
  ])('cleans %j → %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });

  it.each([
    ['passwords', 'password'],
    ['resetting', 'reset'],
    ['canceled', 'cancel'],
    ['running', 'run'],
    ['deliveries', 'delivery'],
    ['charged', 'charg'],
    ['charge', 'charg'],
    ['status', 'status'],
    ['cat', 'cat'],
  ])('stems %s → %s', (w, s) => {
    expect(stem(w)).toBe(s);
  });

  it('maps variants to the same stems', () => {
    expect(normalise('Resetting Passwords').stems).toEqual(normalise('reset password').stems);
  });

  it('returns no tokens for punctuation only', () => {
    expect(normalise('?!…').tokens).toEqual([]);
  });
});
