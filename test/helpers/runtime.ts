import { loadConfig } from '../../api/config.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../api/runtime.js';
import { createLogger } from '../../api/log.js';
import type { DatabaseTarget } from './databases.js';

export interface TestRuntime extends Runtime {
  /** app.request with JSON helpers. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  startConversation(body?: Record<string, unknown>): Promise<{ conversationId: string; token: string; auth: Record<string, string> }>;
  logLines: string[];
  dispose(): Promise<void>;
}

/** The real runtime (migrations, seed, app) on a fresh database of the given driver. */
export async function testRuntime(target: DatabaseTarget, env: Record<string, string> = {}, options: Partial<RuntimeOptions> = {}): Promise<TestRuntime> {
  const { url, drop } = await target.create();
  const config = loadConfig({
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: '/nonexistent',
    LOG_LEVEL: 'info',
    ...(url ? { DATABASE_URL: url } : {}),
    ...env,
  });
  const logLines: string[] = [];
  const runtime = await createRuntime(config, { memory: !url, log: createLogger('info', (l) => logLines.push(l)), heartbeatMs: 200, ...options });
  const json = { 'content-type': 'application/json' };
  const t: TestRuntime = {
    ...runtime,
    logLines,
    post: async (path, body, headers = {}) =>
      runtime.app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...json, ...headers } }),
    get: async (path, headers = {}) => runtime.app.request(path, { headers }),
    async startConversation(body = {}) {
      const res = await t.post('/v1/widget/conversations', { siteKey: 'demo', ...body });
      if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`);
      const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
      return { conversationId, token, auth: { authorization: `Bearer ${token}` } };
    },
    async dispose() {
      await runtime.close();
      await drop();
    },
  };
  return t;
}
