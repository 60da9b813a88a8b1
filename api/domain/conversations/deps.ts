import type { BrainProvider } from '../knowledge/brain.js';
import type { Llm } from '../llm/ports.js';
import type { TicketSummaryStore } from './summarise-handoff.js';
import type { SemanticIndex } from '../llm/semantic-index.js';
import type { Router } from '../routing/types.js';
import type { ConversationEvents, ConversationStore } from './ports.js';
import type { SlaHours } from './sla.js';

/** What the conversation use cases receive: ports, never concrete adapters. */
export interface ConversationDeps {
  store: ConversationStore;
  brains: BrainProvider;
  router: Router;
  events: ConversationEvents;
  now: () => Date;
  /** The optional LLM (absent or not configured: everything deterministic). */
  llm?: Llm;
  /** How long the LLM may take on one customer message before the deterministic reply goes out. */
  llmBudgetMs?: number;
  /** Work that must not delay the response (the hand-off summary); errors are the task's own business. */
  background?: (task: () => Promise<void>) => void;
  /** Where hand-off summaries go (with an LLM). */
  summaries?: TicketSummaryStore;
  /** Semantic retrieval (with an LLM that embeds). */
  semantic?: SemanticIndex;
  /** The admins' SLA targets in hours per priority (absent: the defaults in sla.ts). */
  slaHours?: () => Promise<SlaHours>;
}
