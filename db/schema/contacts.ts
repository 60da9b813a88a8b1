import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';
import { sites } from './sites.js';

/** A customer who left contact details. */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name'),
    email: text('email').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('contacts_site_email').on(t.siteId, t.email)],
);
