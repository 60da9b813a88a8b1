import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { copyFor, pickLocale } from './copy.js';
import { isOpen } from './business-hours.js';
import type { ConversationDeps } from './deps.js';
import type { Conversation, Site, StoredMessage } from './model.js';

export interface StartConversationInput {
  siteKey: string;
  visitorId?: string;
  page?: string;
  referrer?: string;
  locale?: string;
  userAgent?: string;
  /** Origins the request claims (the host page's, the request's Origin header); each must be allowed. */
  origins: string[];
}

export async function startConversation(
  deps: ConversationDeps,
  input: StartConversationInput,
): Promise<{ site: Site; conversation: Conversation; messages: StoredMessage[] }> {
  const site = await deps.store.findSiteByKey(input.siteKey);
  if (!site) throw new AppError('site_not_found', `No site has the key "${input.siteKey}".`);
  for (const origin of input.origins) {
    if (!site.allowedOrigins.includes(origin)) {
      throw new AppError('origin_not_allowed', `The origin ${origin} is not allowed to embed this site's widget.`);
    }
  }
  const locale = pickLocale(input.locale, site.languages);
  let greeting = site.greeting[locale] ?? site.greeting.en ?? copyFor(locale).greeting;
  // Outside business hours the bot still answers, but promises an email reply, not a live one.
  if (!isOpen(site.businessHours, deps.now())) greeting += `\n\n${site.offHoursMessage?.[locale] || copyFor(locale).offHours}`;
  const conversation = await deps.store.createConversation({
    siteId: site.id,
    visitorId: input.visitorId ?? randomUUID(),
    page: input.page ?? null,
    referrer: input.referrer ?? null,
    userAgent: input.userAgent ?? null,
    locale,
    greeting: { role: 'bot', body: greeting, meta: {} },
  });
  const messages = await deps.store.listMessages(conversation.id);
  return { site, conversation, messages };
}
