import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Actions, repositories and jobs read the time from the injected clock (`ctx.deps.clock.now()`,
 * `deps.clock.now()`), so tests can move it. Only these files may read the real time, and why.
 */
const ALLOWED: Record<string, string> = {
  'settings/settings.repo.ts': 'age of the in-process settings cache: real elapsed time, not business time',
  'live/live-hub.ts': 'stream lifetimes and heartbeats run on real timers',
  'tickets/dashboard.ts': 'age of the in-process count cache (count-cache.ts)',
  'tickets/list-tickets.ts': 'age of the in-process count cache (count-cache.ts)',
  'sla/sla-rules.ts': 'age of the in-process SLA rules cache: real elapsed time, not business time',
  'departments/auto-assign.ts': 'age of the in-process automatic-assignment cache: real elapsed time',
  'notifications/sms/log-client.ts': 'the development outbox line’s own time stamp (vendor clients take no clock)',
};

const MODULES = join(import.meta.dirname, 'modules');
const CURRENT_TIME = /\bDate\.now\(\)|\bnew Date\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** `file:line: text` for every read of the current time outside comments. */
export function currentTimeReads(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return code.split('\n').flatMap((line, i) => {
    const beforeComment = line.replace(/\/\/.*$/, '');
    return CURRENT_TIME.test(beforeComment) ? [`${file}:${i + 1}: ${line.trim()}`] : [];
  });
}

describe('clock injection', () => {
  it('finds a read of the real time (the scan works)', () => {
    expect(currentTimeReads('x.ts', 'const a = Date.now();\nconst b = new Date();\nconst c = new Date(a);')).toEqual([
      'x.ts:1: const a = Date.now();',
      'x.ts:2: const b = new Date();',
    ]);
    expect(currentTimeReads('x.ts', '// Date.now()\n/* new Date() */\nconst c = clock.now();')).toEqual([]);
  });

  it('src/server/modules reads the time only through the clock, outside the allow-list', () => {
    const found = sourceFiles(MODULES).flatMap((path) => {
      const rel = relative(MODULES, path).split('\\').join('/');
      return rel in ALLOWED ? [] : currentTimeReads(`modules/${rel}`, readFileSync(path, 'utf8'));
    });
    expect(found, 'use ctx.deps.clock.now() / deps.clock.now() instead').toEqual([]);
  });
});
