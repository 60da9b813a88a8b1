import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column groups, so every table spells them the same way. */
export const id = () => uuid('id').primaryKey().defaultRandom();

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
