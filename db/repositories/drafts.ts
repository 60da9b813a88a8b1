import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { appSettings, conversations, macros, messages, tickets } from '../schema/index.js';
import type { DraftSources } from '../../api/domain/drafts/draft-reply.js';

const brandVoiceKey = (siteId: string) => `brand_voice:${siteId}`;

export function createDraftSources(db: Db): DraftSources {
  return {
    async ticketForDraft(ticketId) {
      const [t] = await db
        .select({ siteId: tickets.siteId, conversationId: tickets.conversationId, intentId: tickets.intentId, locale: conversations.locale })
        .from(tickets)
        .innerJoin(conversations, eq(conversations.id, tickets.conversationId))
        .where(eq(tickets.id, ticketId))
        .limit(1);
      if (!t) return null;
      const rows = await db
        .select({ role: messages.role, body: messages.body })
        .from(messages)
        .where(eq(messages.conversationId, t.conversationId))
        .orderBy(asc(messages.seq));
      const transcript = rows
        .filter((r): r is { role: 'customer' | 'bot' | 'agent' | 'system'; body: string } => r.role !== 'note')
        .slice(-40);
      return { ...t, transcript };
    },
    async macros(siteId) {
      const rows = await db.select({ title: macros.name, body: macros.body }).from(macros).where(eq(macros.siteId, siteId)).orderBy(asc(macros.name));
      return rows;
    },
    async brandVoice(siteId) {
      const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(inArray(appSettings.key, [brandVoiceKey(siteId)]));
      return row?.value ?? '';
    },
  };
}

/** Sets a site's brand voice (for the admin settings screen). */
export async function setBrandVoice(db: Db, siteId: string, voice: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: brandVoiceKey(siteId), value: voice })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: voice, updatedAt: new Date() } });
}

/** A site's brand voice ('' when unset). */
export async function getBrandVoice(db: Db, siteId: string): Promise<string> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, brandVoiceKey(siteId)));
  return row?.value ?? '';
}
