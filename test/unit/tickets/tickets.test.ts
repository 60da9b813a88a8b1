import { describe, expect, it } from 'vitest';
import { slaOf } from '../../../api/domain/tickets/model.js';
import { renderMacro, macroVariables } from '../../../api/domain/tickets/apply-macro.js';
import { retryDelay } from '../../../api/email/outbox-worker.js';
import { createLinkSigner } from '../../../api/http/conversation-link.js';
import { hashPassword, verifyPassword } from '../../../api/domain/accounts/password.js';
import type { TicketRecord } from '../../../api/domain/tickets/model.js';

const h = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * h);

describe('slaOf', () => {
  const base = { createdAt: at(0), firstResponseDueAt: at(8), resolutionDueAt: at(48), firstRespondedAt: null, solvedAt: null };
  it.each([
    ['ok, first response next', base, at(1), 'ok', at(8)],
    ['due soon', base, at(7.5), 'due-soon', at(8)],
    ['first response breached', base, at(9), 'breached', at(8)],
    ['answered in time, resolution next', { ...base, firstRespondedAt: at(2) }, at(9), 'ok', at(48)],
    ['answered late stays breached', { ...base, firstRespondedAt: at(9) }, at(10), 'breached', at(48)],
    ['solved in time', { ...base, firstRespondedAt: at(2), solvedAt: at(5) }, at(100), 'met', null],
    ['solved late', { ...base, firstRespondedAt: at(2), solvedAt: at(50) }, at(100), 'breached', null],
  ] as const)('%s', (_name, t, now, state, next) => {
    const s = slaOf(t, now);
    expect(s.state).toBe(state);
    expect(s.nextDueAt).toEqual(next);
  });

  it('records first response time and time to resolution', () => {
    const s = slaOf({ ...base, firstRespondedAt: at(2), solvedAt: at(5) }, at(6));
    expect(s.firstResponseMs).toBe(2 * h);
    expect(s.resolutionMs).toBe(5 * h);
  });
});

describe('macros', () => {
  const ticket = { number: 1042, subject: 'Refund', contact: { id: 'c', name: 'Grace Brewster Hopper', email: 'g@example.com' } } as TicketRecord;
  const vars = macroVariables(ticket, { id: 'u', name: 'Alan', role: 'agent' });
  it('fills the variables, tolerating spaces, and leaves unknown ones visible', () => {
    expect(renderMacro('Hi {{contact.first_name}} ({{ contact.name }}), #{{ticket.number}} — {{agent.name}} {{nope.x}}', vars)).toBe(
      'Hi Grace (Grace Brewster Hopper), #1042 — Alan {{nope.x}}',
    );
  });
  it('has a friendly default when the name is unknown', () => {
    const anon = macroVariables({ ...ticket, contact: { ...ticket.contact, name: null } }, { id: 'u', name: 'Alan', role: 'agent' });
    expect(renderMacro('Hi {{contact.name}}', anon)).toBe('Hi there');
  });
});

describe('retryDelay', () => {
  it('doubles per attempt between half and the full delay, capped', () => {
    expect(retryDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelay(30, 1000, 60_000, () => 0)).toBe(30_000);
  });
});

describe('conversation links', () => {
  it('open their conversation until they expire, and only when untampered', () => {
    let now = 1_000_000_000_000;
    const links = createLinkSigner('s'.repeat(32), 60_000, () => now);
    const link = links.sign('c0ffee00-0000-4000-8000-000000000000');
    expect(links.verify(link)).toEqual({ conversationId: 'c0ffee00-0000-4000-8000-000000000000' });
    expect(links.verify(link.replace('c0ffee00', 'deadbeef'))).toBeNull();
    expect(createLinkSigner('t'.repeat(32), 60_000, () => now).verify(link)).toBeNull();
    now += 61_000;
    expect(links.verify(link)).toBe('expired');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
