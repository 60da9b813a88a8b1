import { AppError } from '../errors.js';
import type { Actor, TicketRecord } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** The variables a macro may use. Unknown ones are left as written, so a typo shows before sending. */
export function macroVariables(t: TicketRecord, agent: Actor): Record<string, string> {
  const name = t.contact.name?.trim();
  return {
    'contact.name': name || 'there',
    'contact.first_name': name?.split(/\s+/)[0] || 'there',
    'contact.email': t.contact.email,
    'ticket.number': String(t.number),
    'ticket.subject': t.subject,
    'agent.name': agent.name,
  };
}

export function renderMacro(body: string, vars: Record<string, string>): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (all, key: string) => vars[key] ?? all);
}

/** Renders a canned response for a ticket (the agent may edit it before sending it as a reply). */
export async function applyMacro(d: TicketDeps, actor: Actor, input: { number: number; macroId: string }) {
  const t = await findTicketOrThrow(d, input.number);
  const macro = await d.macros.findMacro(input.macroId);
  if (!macro || macro.siteId !== t.siteId) throw new AppError('macro_not_found', 'No such macro.');
  return { macroId: macro.id, text: renderMacro(macro.body, macroVariables(t, actor)) };
}
