import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

export interface SiteAppearance {
  color: string;
  position: 'right' | 'left';
}

/** A website that embeds the widget. */
export const sites = pgTable('sites', {
  id: id(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins').array().notNull().default([]),
  /** Greeting per language, e.g. { en: 'Hi!', fr: 'Bonjour !' }. */
  greeting: jsonb('greeting').$type<Record<string, string>>().notNull().default({}),
  languages: text('languages').array().notNull().default(['en']),
  appearance: jsonb('appearance').$type<SiteAppearance>().notNull().default({ color: '#4f46e5', position: 'right' }),
  ...timestamps,
});
