import type { BrainProvider } from '../knowledge/brain.js';
import type { Router } from '../routing/types.js';
import type { ConversationEvents, ConversationStore } from './ports.js';

/** What the conversation use cases receive: ports, never concrete adapters. */
export interface ConversationDeps {
  store: ConversationStore;
  brains: BrainProvider;
  router: Router;
  events: ConversationEvents;
  now: () => Date;
}
