#!/usr/bin/env node
// Bundles the server (src/server/main.ts and everything it imports from src/) into one ES module,
// dist/server/main.js, with its source map; packages stay in node_modules. `npm start` and the
// tests that start real server processes run the bundle: it starts in about a third of the time
// tsx takes to transpile the sources at start, and the process holds ~70 MB less (no compiler,
// no per-file transform cache) — see bench/README.md "The server as a bundle". Takes under a second, so
// it runs on every start. Written to a temporary file and renamed, so a process starting while
// another build runs never reads half a bundle.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { drizzleFastIs } from './drizzle-fast-is.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/server/main.js`;
// Packages stay in node_modules, but for drizzle-orm: it is bundled so that its `is` can be the
// remembering one (drizzle-fast-is.mjs; 6–7.5% of the server's CPU under list loads).
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => name !== 'drizzle-orm')
  .flatMap((name) => [name, `${name}/*`]);
const tmp = `${out}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;

await build({
  entryPoints: [`${root}src/server/main.ts`],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  plugins: [drizzleFastIs],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});
// The map's name follows the bundle's; rename both (the map first, so the bundle never points
// at a missing one), and make the bundle's comment name the final map.
renameSync(`${tmp}.map`, `${out}.map`);
writeFileSync(tmp, readFileSync(tmp, 'utf8').replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=main.js.map'));
renameSync(tmp, out);
