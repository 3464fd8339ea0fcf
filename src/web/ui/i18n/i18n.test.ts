/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The two translation files must stay twins (same keys, same {{placeholders}}), and every key the
 * code asks for must exist: a missing key shows the raw key to people instead of words.
 */

type Tree = { [k: string]: string | Tree };
const HERE = fileURLToPath(new URL('.', import.meta.url));
const WEB = fileURLToPath(new URL('../..', import.meta.url));
const load = (lang: string) => JSON.parse(readFileSync(join(HERE, `${lang}.json`), 'utf8')) as Tree;
const fa = load('fa');
const en = load('en');

/** Every leaf as [dotted path, value]; values that are not strings are kept to be reported. */
function leaves(tree: Tree, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? leaves(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function at(tree: Tree, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A key the code uses exists as a string, or as i18next plural forms (key_one, key_other…). */
const hasString = (tree: Tree, key: string) =>
  typeof at(tree, key) === 'string' ||
  ['zero', 'one', 'two', 'few', 'many', 'other'].some((f) => typeof at(tree, `${key}_${f}`) === 'string');
const isObject = (tree: Tree, key: string) => {
  const node = at(tree, key);
  return !!node && typeof node === 'object';
};

function placeholders(key: string, text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]);
  // English "one ticket" may leave out {{count}} where Persian keeps it; the plural form is chosen by count anyway.
  return [...new Set(PLURAL.test(key) ? names.filter((n) => n !== 'count') : names)].sort();
}

/** The first argument of a call whose `(` is at `open`: up to the `,` or `)` at the same depth. */
function firstArgument(src: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return src.slice(open + 1, i);
      depth--;
    } else if (c === ',' && depth === 0) return src.slice(open + 1, i);
  }
  return src.slice(open + 1);
}

interface KeyUse {
  /** A literal key, e.g. t('common.save') or each branch of t(done ? 'a.b' : 'a.c'). */
  key?: string;
  /** The static start of a template key, e.g. t(`status.${s}`) → 'status', which must be an object. */
  prefix?: string;
  line: number;
}

/** The translation keys a source file asks for: t('…'), i18n.t("…"), t(`…${x}`), i18nKey="…". */
function keyUses(src: string): KeyUse[] {
  const uses: KeyUse[] = [];
  const lineOf = (pos: number) => src.slice(0, pos).split('\n').length;
  const literal = (text: string, pos: number) => {
    if (text.startsWith('`')) {
      const body = text.slice(1, -1);
      const dyn = body.indexOf('${');
      if (dyn < 0) uses.push({ key: body, line: lineOf(pos) });
      else if (body.lastIndexOf('.', dyn) > 0)
        uses.push({ prefix: body.slice(0, body.lastIndexOf('.', dyn)), line: lineOf(pos) });
    } else uses.push({ key: text.slice(1, -1), line: lineOf(pos) });
  };
  for (const m of src.matchAll(/\bt\(/g)) {
    const open = m.index + 1;
    const arg = firstArgument(src, open);
    const whole = arg.trim();
    if (/^(['"])[^'"]*\1$/.test(whole) || /^`[^`]*`$/.test(whole)) {
      literal(whole, open);
      continue;
    }
    // Keys chosen by a condition: t(open ? 'a.close' : 'a.open'), t(x ?? 'a.none').
    for (const s of arg.matchAll(/(^|\?|:|\?\?|\|\|)\s*((['"])[\w.-]+\3|`[^`]*`)(?=\s*($|:|\)|\?\?|\|\|))/g)) {
      const text = s[2];
      if (text.startsWith('`') || text.slice(1, -1).includes('.')) literal(text, open + 1 + s.index);
    }
  }
  for (const m of src.matchAll(/\bi18nKey=\{?\s*((['"])[^'"]+\2|`[^`]*`)/g)) literal(m[1], m.index);
  return uses;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return sources(join(dir, e.name));
    return /\.(tsx?)$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [];
  });
}

describe('the translation files', () => {
  const faLeaves = new Map(leaves(fa));
  const enLeaves = new Map(leaves(en));

  it('have exactly the same keys in Persian and English', () => {
    const onlyFa = [...faLeaves.keys()].filter((k) => !enLeaves.has(k));
    const onlyEn = [...enLeaves.keys()].filter((k) => !faLeaves.has(k));
    expect({ onlyInFa: onlyFa, onlyInEn: onlyEn }).toEqual({ onlyInFa: [], onlyInEn: [] });
  });

  it('hold a non-empty string at every key', () => {
    const bad = [
      ...leaves(fa).map(([k, v]) => ['fa', k, v] as const),
      ...leaves(en).map(([k, v]) => ['en', k, v] as const),
    ]
      .filter(([, , v]) => typeof v !== 'string' || v === '') // a lone space is a real value (a joiner)
      .map(([lang, k, v]) => `${lang}: ${k} = ${JSON.stringify(v)}`);
    expect(bad).toEqual([]);
  });

  it('use the same {{placeholders}} in both languages', () => {
    const bad: string[] = [];
    for (const [key, faText] of faLeaves) {
      const enText = enLeaves.get(key);
      if (typeof faText !== 'string' || typeof enText !== 'string') continue;
      const a = placeholders(key, faText);
      const b = placeholders(key, enText);
      if (a.join() !== b.join()) bad.push(`${key}: fa {{${a.join('}}, {{')}}} ≠ en {{${b.join('}}, {{')}}}`);
    }
    expect(bad).toEqual([]);
  });

  it('point nested $t(…) references at existing keys', () => {
    const bad = [...faLeaves, ...enLeaves].flatMap(([key, text]) =>
      typeof text === 'string'
        ? [...text.matchAll(/\$t\(([^),]+)/g)]
            .map((m) => m[1].trim())
            .filter((k) => !hasString(fa, k))
            .map((k) => `${key} → $t(${k})`)
        : [],
    );
    expect(bad).toEqual([]);
  });
});

describe('the keys used by the code', () => {
  it('are found in the scanner fixtures, literal, conditional and templated', () => {
    const src = [
      't(\'common.save\'); i18n.t("errors.generic", { n: 1 });',
      't(`status.${s}`); t(`editor.bold`); t(`${ns}.x`);',
      "t(open ? 'nav.a' : 'nav.b', { x }); t(label); t(keyFor(x)); t(x === 'closed' ? 'p.c' : `p.${x}`);",
      '<Trans i18nKey="help.intro" /> <Trans i18nKey={"help.more"} />',
      "format('not.a.key'); const at = list.at(-1); set('x.y');",
    ].join('\n');
    expect(keyUses(src)).toEqual([
      { key: 'common.save', line: 1 },
      { key: 'errors.generic', line: 1 },
      { prefix: 'status', line: 2 },
      { key: 'editor.bold', line: 2 },
      { key: 'nav.a', line: 3 },
      { key: 'nav.b', line: 3 },
      { key: 'p.c', line: 3 },
      { prefix: 'p', line: 3 },
      { key: 'help.intro', line: 4 },
      { key: 'help.more', line: 4 },
    ]);
  });

  it('are judged against the tree: strings, plural forms and template prefixes', () => {
    const tree: Tree = { a: { b: 'x', n_one: 'one', n_other: 'many', obj: { c: 'y' } } };
    expect([
      hasString(tree, 'a.b'),
      hasString(tree, 'a.n'),
      hasString(tree, 'a.obj'),
      hasString(tree, 'a.zz'),
      hasString(tree, 'a.b.c'),
    ]).toEqual([true, true, false, false, false]);
    expect([isObject(tree, 'a.obj'), isObject(tree, 'a.b'), isObject(tree, 'nope')]).toEqual([true, false, false]);
    expect(placeholders('x', 'سلام {{name}} و {{ count, number }}')).toEqual(['count', 'name']);
    expect(placeholders('x_one', 'one ticket')).toEqual([]);
  });

  it('all exist in fa.json (and so, by the test above, in en.json)', () => {
    const missing: string[] = [];
    for (const file of sources(WEB)) {
      const where = relative(process.cwd(), file);
      for (const use of keyUses(readFileSync(file, 'utf8'))) {
        if (use.key !== undefined && !hasString(fa, use.key))
          missing.push(`${where}:${use.line}  t('${use.key}') — no such key`);
        if (use.prefix !== undefined && !isObject(fa, use.prefix))
          missing.push(`${where}:${use.line}  t(\`${use.prefix}.\${…}\`) — '${use.prefix}' is not a group of keys`);
      }
    }
    expect(missing, `Translation keys missing from src/web/ui/i18n/fa.json:\n${missing.join('\n')}`).toEqual([]);
  });
});
