import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';

/** Deployment-wide values every API process must agree on (e.g. the token-signing secret). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  ...timestamps,
});
