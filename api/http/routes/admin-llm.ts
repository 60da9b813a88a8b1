import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { validate } from '../validate.js';
import type { AdminEnv } from './admin.js';

export interface LlmUsageTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface AdminLlmDeps {
  /** Whether an LLM is configured (OPENAI_API_KEY). */
  configured: boolean;
  model: string;
  sites(): Promise<{ id: string; key: string }[]>;
  /** Token use and estimated cost of the site's conversations since a date, per purpose. */
  usage(siteId: string, since: Date): Promise<(LlmUsageTotals & { purpose: string })[]>;
  brandVoice: { get(siteId: string): Promise<string>; set(siteId: string, voice: string): Promise<void> };
  requireAdmin: MiddlewareHandler<AdminEnv>;
  now: () => Date;
}

const daysQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
const brandVoiceBody = z.object({ brandVoice: z.string().trim().max(2000) });

/**
 * The optional LLM for admins, under /v1/admin: what it costs (tokens and an estimate, per purpose)
 * and the brand voice reply drafts are written in.
 */
export function adminLlmRoutes(deps: AdminLlmDeps) {
  const siteIdOf = async (key: string) => {
    const site = (await deps.sites()).find((s) => s.key === key);
    if (!site) throw new AppError('site_not_found', 'No site has that key.');
    return site.id;
  };
  return new Hono<AdminEnv>()
    .use('/sites/:siteKey/llm', deps.requireAdmin)
    .use('/sites/:siteKey/llm/*', deps.requireAdmin)
    .get('/sites/:siteKey/llm', validate('query', daysQuery), async (c) => {
      const siteId = await siteIdOf(c.req.param('siteKey'));
      const { days } = c.req.valid('query');
      const byPurpose = await deps.usage(siteId, new Date(deps.now().getTime() - days * 86_400_000));
      const total = byPurpose.reduce(
        (t, p) => ({ calls: t.calls + p.calls, promptTokens: t.promptTokens + p.promptTokens, completionTokens: t.completionTokens + p.completionTokens, costUsd: t.costUsd + p.costUsd }),
        { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
      );
      c.header('cache-control', 'no-store');
      return c.json({ configured: deps.configured, model: deps.model, days, usage: { total, byPurpose }, brandVoice: await deps.brandVoice.get(siteId) });
    })
    .put('/sites/:siteKey/llm/brand-voice', validate('json', brandVoiceBody), async (c) => {
      const siteId = await siteIdOf(c.req.param('siteKey'));
      const { brandVoice } = c.req.valid('json');
      await deps.brandVoice.set(siteId, brandVoice);
      return c.json({ brandVoice });
    });
}
