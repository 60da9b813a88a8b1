/**
 * Worker-thread entry: receives { id, input, options }, runs compileModel, posts back
 * { id, model } or { id, error }. Typed arrays in the model are transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { compileModel, type TrainingInput, type TrainingOptions } from '../domain/routing/index.js';

interface Job {
  id: number;
  input: TrainingInput;
  options?: TrainingOptions;
}

function transferables(value: unknown, out: Set<ArrayBuffer>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] !== 'object') return;
    for (const v of value) transferables(v, out, depth + 1);
    return;
  }
  for (const v of Object.values(value)) transferables(v, out, depth + 1);
}

parentPort?.on('message', (job: Job) => {
  try {
    const model = compileModel(job.input, job.options);
    const buffers = new Set<ArrayBuffer>();
    transferables(model.data, buffers);
    parentPort?.postMessage({ id: job.id, model }, [...buffers]);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
