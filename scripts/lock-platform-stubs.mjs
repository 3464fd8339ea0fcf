#!/usr/bin/env node
// The npm registry this project is built against mirrors only the Linux builds of rollup's
// native binaries, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds each missing
// optional platform package as a lock entry with its os/cpu/libc, which npm skips on any
// other machine. Run it after `npm install` whenever vite/rollup is upgraded.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pk = lock.packages;
const added = [];
for (const [owner, prefix] of [['node_modules/rollup', '@rollup/rollup-']]) {
  for (const [name, version] of Object.entries(pk[owner]?.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pk[key]) continue;
    const [os, cpu, ...rest] = name.slice(prefix.length).split('-');
    const entry = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
    if (os === 'linux') entry.libc = [rest.join('-').includes('musl') ? 'musl' : 'glibc'];
    pk[key] = entry;
    added.push(name);
  }
}
const sorted = { '': pk[''] };
for (const k of Object.keys(pk)
  .filter((k) => k !== '')
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  sorted[k] = pk[k];
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added.length} platform stub(s)`);
