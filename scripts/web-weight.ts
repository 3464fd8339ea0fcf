import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The portal's budget for initial JavaScript, gzipped (issue 5, bench/README.md). */
export const INITIAL_JS_BUDGET = 300 * 1024;

/**
 * Prints the gzipped size of the JavaScript a first visit downloads: the entry chunk and every
 * chunk it imports statically. Lazily loaded routes (agent, admin, editor, charts) are not counted.
 * Writes dist/web/weight.json so bench/README.md and the tests can read the same number.
 */
export function reportInitialWeight(): Plugin {
  return {
    name: 'pishkhan-initial-weight',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [file, out] of Object.entries(bundle))
        if (out.type === 'chunk') chunks.set(file, { code: out.code, imports: out.imports, isEntry: out.isEntry });
      const entry = [...chunks].find(([, c]) => c.isEntry);
      if (!entry) return;
      const seen = new Set<string>();
      const walk = (file: string) => {
        if (seen.has(file) || !chunks.has(file)) return;
        seen.add(file);
        for (const dep of chunks.get(file)!.imports) walk(dep);
      };
      walk(entry[0]);
      let raw = 0;
      let gz = 0;
      for (const file of seen) {
        const code = chunks.get(file)!.code;
        raw += Buffer.byteLength(code);
        gz += gzipSync(code, { level: 9 }).length;
      }
      let lazy = 0;
      for (const [file, c] of chunks) if (!seen.has(file)) lazy += gzipSync(c.code, { level: 9 }).length;
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = gz <= INITIAL_JS_BUDGET ? 'within' : 'OVER';
      console.log(
        `\nInitial JavaScript (portal first load): ${kb(gz)} gzipped (${kb(raw)} raw) in ${seen.size} files — ${verdict} the ${kb(INITIAL_JS_BUDGET)} budget; lazily loaded: ${kb(lazy)} gzipped in ${chunks.size - seen.size} files`,
      );
      this.emitFile({
        type: 'asset',
        fileName: 'weight.json',
        source: JSON.stringify(
          {
            initialGzipBytes: gz,
            initialRawBytes: raw,
            initialFiles: [...seen],
            lazyGzipBytes: lazy,
            budgetBytes: INITIAL_JS_BUDGET,
          },
          null,
          2,
        ),
      });
    },
  };
}
