#!/usr/bin/env node
// The checks before the tests (typecheck, lint, format, API document, web build), two at a time:
// each is one process on one core, and CI has two. Each one's output is printed whole when it
// ends, so two never interleave; the exit code is the first failure's, after all have run.
import { spawn } from 'node:child_process';

const CHECKS = ['lint', 'typecheck', 'format:check', 'api:check', 'build:web'];
const PARALLEL = 2;

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${script} (${seconds} s, exit ${code})\n`);
      process.stdout.write(Buffer.concat(out));
      resolve(code ?? 1);
    });
  });
}

const queue = [...CHECKS];
let failed = 0;
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    for (let script = queue.shift(); script; script = queue.shift()) {
      const code = await run(script);
      if (code !== 0 && failed === 0) failed = code;
    }
  }),
);
process.exit(failed);
