import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

/** Opening hours in the site's time zone: for each weekday (0 = Sunday), open intervals "HH:MM"–"HH:MM". */
export interface BusinessHours {
  timezone: string;
  days: Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', [string, string][]>;
}

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
  /** Null: always staffed. */
  businessHours: jsonb('business_hours').$type<BusinessHours>(),
  /** What the widget says outside business hours, per language (an email reply instead of a live one). */
  offHoursMessage: jsonb('off_hours_message').$type<Record<string, string>>().notNull().default({}),
  ...timestamps,
});
