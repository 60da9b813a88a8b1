import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfigOrReport } from './config.js';
import { createRuntime, DEMO_SITE_KEY } from './runtime.js';

/** Starts Knowns: `npm start`. Prints the URLs once it listens. */
async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const runtime = await createRuntime(config);
  const server = serve({ fetch: runtime.app.fetch, port: config.PORT, hostname: config.HOST }, (info: AddressInfo) => {
    const base = config.PUBLIC_URL ? config.publicUrl : `http://localhost:${info.port}`;
    runtime.log.info('listening', { port: info.port, driver: runtime.database.driver, seeded: runtime.seeded });
    process.stdout.write(
      [
        '',
        `  Knowns is running (${runtime.database.driver === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'})`,
        `  Demo page      ${base}/`,
        `  Widget loader  ${base}/widget.js   (site key "${DEMO_SITE_KEY}")`,
        `  Widget API     ${base}/v1/widget`,
        `  Help center    ${base}/help`,
        `  Health         ${base}/healthz`,
        `  Agent console  ${base}/console`,
        ...(runtime.demoAdmin
          ? [`  Demo admin     ${runtime.demoAdmin.email} / ${runtime.demoAdmin.password}   (shown once; create more with npm run user:create)`]
          : []),
        '',
      ].join('\n') + '\n',
    );
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.log.info('stopping', { signal });
    server.close();
    // Open event streams keep the server from closing on its own; give them a moment.
    setTimeout(() => process.exit(0), 3000).unref();
    await runtime.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  // drizzle wraps database errors ("Failed query: …"): the cause says what actually went wrong.
  const cause = (e as { cause?: unknown }).cause;
  process.stderr.write(`Knowns failed to start: ${(e as Error).stack ?? String(e)}\n${cause ? `Caused by: ${String((cause as Error).message ?? cause)}\n` : ''}`);
  process.exit(1);
});
