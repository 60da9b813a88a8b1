import { boolean, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

/** A person who signs in to the console: an agent works tickets, an admin also manages the team and settings. */
export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased: sign-in is case-insensitive on the address. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: ['admin', 'agent'] }).notNull(),
    /** `scrypt$N$r$p$salt$hash` (see api/domain/accounts/password.ts). */
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);
