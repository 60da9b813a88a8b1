import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';
import { sites } from './sites.js';

/** A canned response. The body may use {{contact.name}}, {{contact.email}}, {{ticket.number}}, {{agent.name}}… */
export const macros = pgTable(
  'macros',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    body: text('body').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('macros_site_name').on(t.siteId, t.name)],
);
