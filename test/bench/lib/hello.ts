import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killGroup } from './proc.js';

export interface HelloServer {
  url: string;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./hello-server.ts', import.meta.url));

/** Starts the Hono hello-world ceiling as a child process, like the real server runs. */
export function startHello(timeoutMs = 20_000): Promise<HelloServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child.pid);
    const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('hello-world server did not start in time'));
    }, timeoutMs);
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line) as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hello-world server exited early (code ${code})`));
    });
  });
}
