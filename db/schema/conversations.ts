import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';
import { sites } from './sites.js';
import { contacts } from './contacts.js';

/** One chat between a visitor and a site. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').notNull(),
    status: text('status', { enum: ['open', 'handed-off', 'closed'] }).notNull().default('open'),
    page: text('page'),
    referrer: text('referrer'),
    userAgent: text('user_agent'),
    locale: text('locale').notNull().default('en'),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('conversations_site_visitor').on(t.siteId, t.visitorId)],
);
