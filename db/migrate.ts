import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Advisory-lock key for migrations: any stable 64-bit number, the same in every process. */
const MIGRATION_LOCK = 724_311_001;

/**
 * Applies the committed migrations. Several processes may start at once on an empty
 * database: the lock makes exactly one apply them while the others wait, then find nothing to do.
 */
export async function applyMigrations(database: Database): Promise<void> {
  await database.withLock(MIGRATION_LOCK, async (db) => {
    if (database.driver === 'pglite') {
      await migratePglite(db as Parameters<typeof migratePglite>[0], { migrationsFolder });
    } else {
      await migratePostgres(db as Parameters<typeof migratePostgres>[0], { migrationsFolder });
    }
  });
}
