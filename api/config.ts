import { z } from 'zod';

/**
 * The environment, parsed once. Nothing else reads process.env.
 * A wrong value stops start-up with a message naming the variable.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const origins = z
  .string()
  .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.url().transform((u) => new URL(u).origin)));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./.data'),
  SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: bool.default(true),
  EXTRA_ALLOWED_ORIGINS: origins.default([]),
  TRUST_PROXY: bool.default(false),
  RATE_LIMIT_DISABLED: bool.default(false),
  RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_PER_CONVERSATION: z.coerce.number().int().positive().default(30),
  /** Outgoing email (agent replies to customers who left): smtp://user:pass@host:port. Unset: emails wait in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Knowns <no-reply@localhost>'),
  /** How long a reply waits for the customer's open widget to show it before it is emailed. */
  EMAIL_DELAY_SECONDS: z.coerce.number().min(0).default(30),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  /** Validity of the "continue the conversation" link in emails. */
  CONVERSATION_LINK_DAYS: z.coerce.number().positive().default(30),
  /** Sign-in attempts per email address (and 5× that per IP) per 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // Optional LLM (any OpenAI-compatible endpoint). Unset OPENAI_API_KEY: no LLM, everything deterministic.
  OPENAI_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  OPENAI_BASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  LLM_REDACT_PII: bool.default(true),
});

export type Env = z.infer<typeof configSchema>;

export interface Config extends Env {
  publicUrl: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, publicUrl };
}

/** For command-line entry points: the configuration, or null after printing what is wrong. */
export function loadConfigOrReport(env: Record<string, string | undefined> = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return null;
  }
}
