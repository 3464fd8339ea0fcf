import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/server/main.js from the sources before the tests that start real server processes,
 * so that they run the server as `npm start` does (scripts/build-server.mjs, under a second).
 */
export default function setup() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the server bundle failed:\n${r.stdout}\n${r.stderr}`);
}
