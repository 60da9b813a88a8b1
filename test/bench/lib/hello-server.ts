/**
 * The HTTP ceiling: Hono's hello world on @hono/node-server, nothing else. Run as its own
 * process (like the real server) on a free loopback port; prints {"port":N} once listening.
 * It answers every method and path, so the bench can send it the very requests it sends
 * the real server (same path, headers and body) without reading them.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.all('*', (c) => c.text('Hello Hono!'));

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Never outlive the bench: exit when the parent goes away.
process.stdin.on('end', stop).resume();
