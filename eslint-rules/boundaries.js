import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Architecture boundaries, checked on every relative import (import, export … from, import()):
 *
 * - the web app (src/web) imports nothing of the server (src/server) or the database (src/db),
 *   and from the shared contracts (src/contracts) types only, so zod stays out of the bundle
 *   (values only from a contracts file that does not import zod, such as the permission list);
 * - the platform (src/server/platform) imports no module (src/server/modules): modules build on
 *   the platform, and the composition root (app.ts, main.ts, jobs-registry.ts) joins them;
 * - a module uses another module only through its public surface, `modules/<other>/index.ts`
 *   (`../<other>`); its own files import each other freely.
 */

const MODULES = 'src/server/modules/';

/** Repository-relative path with forward slashes and no extension. */
function normalise(root, file) {
  return relative(root, file)
    .split(sep)
    .join('/')
    .replace(/\.(?:[cm]?[jt]sx?)$/, '');
}

/** `{ name, rest }` when `path` lies inside a module folder, else null (files beside the modules are not one). */
function moduleOf(path) {
  if (!path.startsWith(MODULES)) return null;
  const [name, ...rest] = path.slice(MODULES.length).split('/');
  return rest.length ? { name, rest: rest.join('/') } : null;
}

const zodFree = new Map();

/** Whether the contracts file at `absolute` (without extension) imports nothing from zod. */
function isZodFree(absolute) {
  if (!zodFree.has(absolute)) {
    let text = null;
    for (const ext of ['.ts', '.tsx', '/index.ts']) {
      try {
        text = readFileSync(absolute.replace(/\.[cm]?[jt]sx?$/, '') + ext, 'utf8');
        break;
      } catch {
        // try the next spelling
      }
    }
    zodFree.set(absolute, text !== null && !/from\s+['"]zod['"]|import\(\s*['"]zod['"]/.test(text));
  }
  return zodFree.get(absolute);
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the web app, the platform and the modules inside their boundaries' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      webImportsServer: 'The web app must not import server or database code ({{target}}); use the HTTP API.',
      webContractValue:
        '{{target}} uses zod: import it with `import type` in the web app, so zod stays out of the bundle.',
      platformImportsModule:
        'The platform must not import a module ({{target}}); pass what it needs in from the composition root.',
      deepModuleImport:
        "Import module '{{module}}' through its public surface (modules/{{module}}/index.ts), not '{{target}}'.",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const from = normalise(root, context.filename);
    const fromModule = moduleOf(from);

    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const absolute = resolve(dirname(context.filename), source.value);
      const target = normalise(root, absolute);
      const report = (messageId, data = {}) => context.report({ node: source, messageId, data: { target, ...data } });

      if (from.startsWith('src/web/')) {
        if (/^src\/(?:server|db)(?:\/|$)/.test(target)) return report('webImportsServer');
        if (/^src\/contracts(?:\/|$)/.test(target) && !isTypeOnly(node) && !isZodFree(absolute))
          return report('webContractValue');
        return;
      }
      if (from.startsWith('src/server/platform/') && (target + '/').startsWith(MODULES))
        return report('platformImportsModule');

      const to = moduleOf(target);
      if (!to || to.name === fromModule?.name) return;
      if (to.rest !== 'index') report('deepModuleImport', { module: to.name });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};
