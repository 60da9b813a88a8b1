import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Browser tests load the built widget: build it once per run (skip with KNOWNS_SKIP_BUILD=1 when it is fresh). */
export default function setup(): void {
  if (process.env.KNOWNS_SKIP_BUILD === '1' && existsSync('dist/widget/widget.js') && existsSync('dist/console/console.html')) return;
  execSync('npm run build --silent', { stdio: 'inherit' });
}
