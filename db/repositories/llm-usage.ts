import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, llmUsage } from '../schema/index.js';
import type { LlmUsageRecord, LlmUsageSink } from '../../api/llm/openai-llm.js';

export function createLlmUsageSink(db: Db): LlmUsageSink {
  return {
    async record(u: LlmUsageRecord) {
      await db.insert(llmUsage).values({
        conversationId: u.conversationId,
        purpose: u.purpose,
        model: u.model,
        promptTokens: u.promptTokens,
        completionTokens: u.completionTokens,
        costMicroUsd: u.costMicroUsd,
      });
    },
  };
}

export interface LlmUsageTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated, in US dollars. */
  costUsd: number;
}

const totals = {
  calls: sql<number>`count(*)::int`,
  promptTokens: sql<number>`coalesce(sum(${llmUsage.promptTokens}), 0)::int`,
  completionTokens: sql<number>`coalesce(sum(${llmUsage.completionTokens}), 0)::int`,
  costMicroUsd: sql<number>`coalesce(sum(${llmUsage.costMicroUsd}), 0)::bigint`,
};
const toTotals = (r: { calls: number; promptTokens: number; completionTokens: number; costMicroUsd: number } | undefined): LlmUsageTotals => ({
  calls: Number(r?.calls ?? 0),
  promptTokens: Number(r?.promptTokens ?? 0),
  completionTokens: Number(r?.completionTokens ?? 0),
  costUsd: Number(r?.costMicroUsd ?? 0) / 1e6,
});

/** Token use and estimated cost of one conversation (for the admin's conversation view). */
export async function llmUsageForConversation(db: Db, conversationId: string): Promise<LlmUsageTotals> {
  const [row] = await db.select(totals).from(llmUsage).where(eq(llmUsage.conversationId, conversationId));
  return toTotals(row);
}

/** Token use and estimated cost since a date, per purpose (for the admin dashboard). */
export async function llmUsageSince(db: Db, since: Date): Promise<(LlmUsageTotals & { purpose: string })[]> {
  const rows = await db
    .select({ purpose: llmUsage.purpose, ...totals })
    .from(llmUsage)
    .where(gte(llmUsage.createdAt, since))
    .groupBy(llmUsage.purpose);
  return rows.map((r) => ({ purpose: r.purpose, ...toTotals(r) }));
}

/** Token use and estimated cost of one site's conversations since a date, per purpose (admin screen). */
export async function llmUsageForSite(db: Db, siteId: string, since: Date): Promise<(LlmUsageTotals & { purpose: string })[]> {
  const rows = await db
    .select({ purpose: llmUsage.purpose, ...totals })
    .from(llmUsage)
    .innerJoin(conversations, eq(conversations.id, llmUsage.conversationId))
    .where(and(eq(conversations.siteId, siteId), gte(llmUsage.createdAt, since)))
    .groupBy(llmUsage.purpose);
  return rows.map((r) => ({ purpose: r.purpose, ...toTotals(r) }));
}
