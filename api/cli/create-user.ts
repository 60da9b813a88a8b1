/**
 * `npm run user:create -- --email E --password P --role admin|agent [--name N]`
 * Creates a console user on the configured database (DATABASE_URL, or the PGlite in DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { loadConfigOrReport } from '../config.js';
import { openDatabase } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { createAccountStore } from '../../db/repositories/accounts.js';
import { createUser } from '../domain/accounts/create-user.js';
import { AppError } from '../domain/errors.js';

const usage = 'Usage: npm run user:create -- --email E --password P --role admin|agent [--name N]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const { email, password, role, name } = values;
  if (!email || !password || (role !== 'admin' && role !== 'agent')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const config = loadConfigOrReport();
  if (!config) return 2;
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await applyMigrations(database);
    const user = await createUser({ store: createAccountStore(database.db) }, { email, password, role, name });
    process.stdout.write(`Created ${user.role} ${user.email} (${user.id}). Sign in at ${config.publicUrl}/console\n`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
