import { describe, expect, it } from 'vitest';
import { redactPii } from '../../../api/llm/redact.js';

describe('redactPii', () => {
  it.each([
    ['mail me at ada.lovelace+notes@example.co.uk please', 'mail me at [email] please'],
    ['ADA@EXAMPLE.COM', '[email]'],
    ['call +44 20 7946 0958 today', 'call [phone] today'],
    ['or (555) 123-4567.', 'or [phone].'],
    ['06 12 34 56 78', '[phone]'],
    ['+33612345678', '[phone]'],
    ['ada@example.com / +1 555 123 4567', '[email] / [phone]'],
  ])('%s', (input, expected) => expect(redactPii(input)).toBe(expected));

  it.each(['Plus costs 4 euros a month for 2 devices', 'Order 2024-05-01, invoice #1234', 'version 1.2.3', 'limit of 25 MB'])('leaves ordinary text alone: %s', (text) =>
    expect(redactPii(text)).toBe(text),
  );
});
