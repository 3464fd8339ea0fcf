import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The first visit of a customer must stay light (≤ 300 KB of JavaScript, gzipped): agent and admin
 * pages, the rich editor, the date picker and the charts load only when someone opens them.
 * Reads what the build wrote (scripts/web-weight.ts and Vite's manifest).
 */
const DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const BUDGET = 300 * 1024;

interface Weight {
  initialGzipBytes: number;
  initialFiles: string[];
}
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
}

function read<T>(path: string): T {
  if (!existsSync(DIST + path))
    throw new Error(`dist/web/${path} is missing: build the web app first (npm run build:web, or npx vite build).`);
  return JSON.parse(readFileSync(DIST + path, 'utf8')) as T;
}

describe('the weight of the first visit', () => {
  const weight = read<Weight>('weight.json');
  const manifest = read<Record<string, ManifestChunk>>('.vite/manifest.json');
  const initial = new Set(weight.initialFiles);

  it(`is at most ${BUDGET / 1024} KB of JavaScript, gzipped`, () => {
    expect(weight.initialFiles.length).toBeGreaterThan(0);
    expect(
      weight.initialGzipBytes,
      `initial JavaScript is ${(weight.initialGzipBytes / 1024).toFixed(1)} KB gzipped in ${weight.initialFiles.join(', ')}`,
    ).toBeLessThanOrEqual(BUDGET);
  });

  it('holds the app entry', () => {
    const entry = Object.values(manifest).find((c) => c.isEntry);
    expect(entry && initial.has(entry.file)).toBe(true);
  });

  it('leaves out the agent and admin pages, the editor and the date picker', () => {
    const lazy = Object.values(manifest).filter(
      (c) => c.src && /^(features\/(agent|admin)\/|ui\/rich-editor\/|ui\/date\/)/.test(c.src),
    );
    expect(
      lazy.filter((c) => c.src!.startsWith('features/agent/')).length,
      'agent pages in the manifest',
    ).toBeGreaterThan(0);
    expect(
      lazy.filter((c) => c.src!.startsWith('features/admin/')).length,
      'admin pages in the manifest',
    ).toBeGreaterThan(0);
    expect(lazy.filter((c) => initial.has(c.file)).map((c) => `${c.src} → ${c.file}`)).toEqual([]);
  });

  it('does not carry the editor (ProseMirror) or chart (recharts) libraries', () => {
    const carried = weight.initialFiles.flatMap((file) => {
      const code = readFileSync(DIST + file, 'utf8');
      return [/ProseMirror/.test(code) && `${file}: ProseMirror`, /recharts-/.test(code) && `${file}: recharts`].filter(
        Boolean,
      );
    });
    expect(carried).toEqual([]);
  });
});
