#!/usr/bin/env node
// Deep-merges translation keys into src/web/ui/i18n/{fa,en}.json.
// Usage: node scripts/i18n-merge.mjs keys.json   where keys.json is { "fa": {...}, "en": {...} }
// Existing keys are overwritten by the new values; files are rewritten with 2-space indents.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const add = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const merge = (a, b) => {
  for (const [k, v] of Object.entries(b))
    a[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  return a;
};
for (const lang of ['fa', 'en']) {
  if (!add[lang]) continue;
  const file = new URL(`../src/web/ui/i18n/${lang}.json`, import.meta.url);
  const cur = JSON.parse(readFileSync(file, 'utf8'));
  const tmp = new URL(`../src/web/ui/i18n/.${lang}.${process.pid}.tmp`, import.meta.url);
  writeFileSync(tmp, JSON.stringify(merge(cur, add[lang]), null, 2) + '\n');
  renameSync(tmp, file);
}
console.log('merged', Object.keys(add).join(', '));
