import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../api/domain/conversations/copy.js';
import { conversationContext } from '../../../api/domain/conversations/conversation-context.js';
import type { StoredMessage } from '../../../api/domain/conversations/model.js';
import { createTokenSigner } from '../../../api/http/conversation-token.js';
import { loadConfig } from '../../../api/config.js';
import { renderMarkdown } from '../../../api/domain/knowledge/render-article.js';

describe('pickLocale', () => {
  it.each([
    ['fr-CA', ['en', 'fr'], 'fr'],
    ['FR', ['en', 'fr'], 'fr'],
    ['fr', ['en'], 'en'],
    ['de-DE', ['en', 'fr'], 'en'],
    [undefined, ['en', 'fr'], 'en'],
  ] as const)('%s within %j → %s', (tag, allowed, want) => expect(pickLocale(tag, [...allowed])).toBe(want));
});

describe('conversation tokens', () => {
  const signer = createTokenSigner('s'.repeat(32));
  it('open exactly their conversation', () => {
    const t = signer.sign('abc');
    expect(signer.verify(t)).toBe('abc');
    expect(signer.verify(t.replace('abc', 'abd'))).toBeNull();
    expect(createTokenSigner('t'.repeat(32)).verify(t)).toBeNull();
    expect(signer.verify('garbage')).toBeNull();
  });
});

describe('conversationContext', () => {
  const msg = (role: StoredMessage['role'], extra: Partial<StoredMessage> = {}): StoredMessage => ({
    id: crypto.randomUUID(), seq: 0, conversationId: 'c', role, body: '', bodyHtml: null, clientMessageId: null, replyToId: null,
    decision: null, meta: {}, helpful: null, createdAt: new Date(), ...extra,
  });
  it('counts turns, No answers and answered intents before the current message', () => {
    const d = { action: 'answer', intentId: 'i1' } as StoredMessage['decision'];
    const current = msg('customer');
    const history = [msg('bot'), msg('customer'), msg('bot', { decision: d, helpful: false }), msg('customer'), msg('bot', { helpful: false }), current, msg('bot', { helpful: false })];
    expect(conversationContext(history, current.id)).toEqual({ turn: 2, noCount: 2, answeredIntentIds: ['i1'] });
  });
});

describe('loadConfig', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SECRET: 'short' })).toThrow(/SECRET/);
  });
  it('has defaults that start the demo', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:3000');
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown and drops scripts, handlers and javascript: links', () => {
    const html = renderMarkdown('# Hi\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script> **bold**');
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toMatch(/javascript:|onerror|<script/i);
  });
});
