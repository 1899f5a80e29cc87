// Builds the renderer once before the suite: the kiosk host serves out/renderer, and a stale or missing
// build would test something other than the working tree. A failed build stops the run with its output.
// E2E_SKIP_RENDERER_BUILD=1 reuses an existing build (iterating on specs while the renderer is unchanged).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

export default function globalSetup(): void {
  if (process.env.E2E_SKIP_RENDERER_BUILD === '1' && existsSync(`${REPOSITORY}out/renderer/index.html`)) return;
  const build = spawnSync('npm', ['run', 'build:renderer'], { cwd: REPOSITORY, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0 || !existsSync(`${REPOSITORY}out/renderer/index.html`)) {
    const output = `${build.stdout ?? ''}\n${build.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    const why = build.error ? build.error.message : build.status !== 0 ? `exit ${build.status ?? build.signal}` : 'no out/renderer/index.html';
    throw new Error(`e2e global setup: \`npm run build:renderer\` failed (${why}); the kiosk cannot be served.\n${output}`);
  }
}
