/**
 * Training off the request path: compileModel runs in a worker thread, so a long training never
 * blocks decisions. Jobs are queued and run one at a time, in order.
 *
 * When this file runs as TypeScript (under tsx or vitest), the worker is TypeScript too: a tiny
 * bootstrap registers tsx's ESM loader inside the worker, then imports the worker module
 * (`execArgv: ['--import', 'tsx']` does not apply to a worker's entry module on Node 20).
 * Compiled to JavaScript, the worker file is started directly.
 */
function spawnWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./train-worker.js', self));
  const entry = new URL('./train-worker.ts', self).href;
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledModel, TrainingInput, TrainingOptions } from '../domain/routing/index.js';

export interface Trainer {
  train(input: TrainingInput, options?: TrainingOptions): Promise<CompiledModel>;
  close(): Promise<void>;
}

type Reply = { id: number; model: CompiledModel } | { id: number; error: string };

export function createTrainer(): Trainer {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve: (m: CompiledModel) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const start = (): Worker => {
    const w = spawnWorker();
    w.on('message', (msg: Reply) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(`training failed: ${msg.error}`));
      else p.resolve(msg.model);
    });
    w.on('error', (err) => {
      failAll(err instanceof Error ? err : new Error(String(err)));
      worker = null;
    });
    w.on('exit', (code) => {
      if (pending.size > 0) failAll(new Error(`training worker exited with code ${code}`));
      worker = null;
    });
    // Do not keep the process alive just for an idle trainer.
    w.unref();
    return w;
  };

  return {
    train(input, options) {
      if (closed) return Promise.reject(new Error('trainer is closed'));
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<CompiledModel>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, input, options });
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      failAll(new Error('trainer is closed'));
      if (w) await w.terminate();
    },
  };
}
