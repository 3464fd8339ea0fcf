import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The web app is a typed client of the API: on a scratch copy of the code, renaming a field of
 * a request contract and regenerating the API types (npm run api:generate) makes the web app's
 * typecheck fail where the operation is called. Nothing is changed in the real tree.
 */
describe('a contract change reaches the web app as a type error', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pishkhan-contract-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    'renaming createTicket’s `subject` breaks `tsc -p tsconfig.web.json` at its callers',
    { timeout: 300_000 },
    async () => {
      for (const part of ['src', 'scripts', 'tsconfig.json', 'tsconfig.web.json', 'package.json', 'docs/openapi.json'])
        cpSync(join(ROOT, part), join(scratch, part), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');

      const contract = join(scratch, 'src/contracts/tickets.ts');
      const before = readFileSync(contract, 'utf8');
      const field = /export const ZCreateTicket = z\.object\(\{\n {2}subject:/;
      expect(before).toMatch(field);
      writeFileSync(contract, before.replace(field, 'export const ZCreateTicket = z.object({\n  title:'));

      const schemaFile = join(scratch, 'src/web/app/api/schema.gen.ts');
      const oldTypes = readFileSync(schemaFile, 'utf8');
      await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/api-generate.ts'], {
        cwd: scratch,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(readFileSync(schemaFile, 'utf8')).not.toBe(oldTypes);

      const tsc = join(ROOT, 'node_modules/typescript-7/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', 'tsconfig.web.json', '--noEmit'], {
        cwd: scratch,
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        () => ({ code: 0, out: '' }),
        (err: { code: number; stdout: string }) => ({ code: err.code, out: err.stdout }),
      );
      expect(result.code).not.toBe(0);
      // The web pages that open tickets, and nothing else, stop compiling.
      const files = [...new Set([...result.out.matchAll(/^(src\/[^(]+)\(/gm)].map((m) => m[1]))];
      expect(files.length).toBeGreaterThan(0);
      expect(files.some((f) => /NewTicketPage\.tsx$/.test(f))).toBe(true);
      expect(result.out).toMatch(/'title'|'subject'/);
    },
  );
});
