/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads must come from the translation files (fa/en), so this scans the
 * .tsx sources for human text typed straight into JSX: text between tags, and string literals
 * given to the props that people read or hear. It is a small TSX reader rather than a regex so
 * that code in braces, comments, TypeScript generics and class names are not mistaken for text.
 * A line that holds the marker `i18n-ignore` (in a comment) is skipped: use it only for text that
 * is not language, such as a code sample.
 */

const HUMAN = /[A-Za-z\u0600-\u06FF]/;
/** Props whose string value is read by people or by screen readers. */
const TEXT_PROPS = new Set(['label', 'placeholder', 'title', 'aria-label', 'alt', 'helperText', 'tooltip']);
/** After these words an expression starts, so `<` opens JSX and `/` a regular expression. */
const EXPR_KEYWORDS = new Set([
  'return',
  'yield',
  'await',
  'case',
  'default',
  'typeof',
  'void',
  'delete',
  'in',
  'of',
  'new',
  'throw',
  'else',
  'do',
]);

interface Offence {
  line: number;
  kind: 'text' | 'prop';
  text: string;
}

function findHardcodedText(src: string): Offence[] {
  const found: Offence[] = [];
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const ignored = new Set<number>();
  src.split('\n').forEach((l, i) => l.includes('i18n-ignore') && ignored.add(i + 1));
  const report = (pos: number, kind: Offence['kind'], text: string) => {
    const line = lineOf(pos);
    if (!ignored.has(line)) found.push({ line, kind, text: text.trim().replace(/\s+/g, ' ').slice(0, 80) });
  };

  const isIdent = (c: string | undefined) => !!c && /[\w$\u0080-\uFFFF]/.test(c);
  const skipString = (i: number): number => {
    const q = src[i];
    for (i++; i < src.length; i++) {
      if (src[i] === '\\') i++;
      else if (src[i] === q || (src[i] === '\n' && q !== '`')) return i + 1;
    }
    return i;
  };
  const skipComment = (i: number): number => {
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      return end < 0 ? src.length : end;
    }
    const end = src.indexOf('*/', i + 2);
    return end < 0 ? src.length : end + 2;
  };
  const skipSpace = (i: number): number => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith('//', i) || src.startsWith('/*', i)) i = skipComment(i);
      else return i;
    }
  };
  const skipRegex = (i: number): number => {
    let inClass = false;
    for (i++; i < src.length && src[i] !== '\n'; i++) {
      if (src[i] === '\\') i++;
      else if (src[i] === '[') inClass = true;
      else if (src[i] === ']') inClass = false;
      else if (src[i] === '/' && !inClass) {
        i++;
        while (isIdent(src[i])) i++;
        return i;
      }
    }
    return i;
  };
  /** A template literal: its `${…}` parts are code (they may hold JSX). */
  const template = (i: number): number => {
    for (i++; i < src.length; i++) {
      if (src[i] === '\\') i++;
      else if (src[i] === '`') return i + 1;
      else if (src.startsWith('${', i)) i = code(i + 2, true) - 1;
    }
    return i;
  };

  /**
   * JavaScript/TypeScript from i; with inBraces it stops after the `}` that closes the
   * expression it started in. `prev` is the last significant token, to tell `<` of JSX from
   * a comparison or generic, and `/` of a regular expression from a division.
   */
  function code(i: number, inBraces: boolean): number {
    let depth = 0;
    let prev: 'start' | 'operand' | 'punct' | 'arrow' = 'start';
    while (i < src.length) {
      const c = src[i];
      if (/\s/.test(c)) {
        i++;
      } else if (src.startsWith('//', i) || src.startsWith('/*', i)) {
        i = skipComment(i);
      } else if (c === '"' || c === "'") {
        i = skipString(i);
        prev = 'operand';
      } else if (c === '`') {
        i = template(i);
        prev = 'operand';
      } else if (c === '{') {
        depth++;
        i++;
        prev = 'punct';
      } else if (c === '}') {
        i++;
        if (depth === 0 && inBraces) return i;
        depth--;
        prev = 'punct';
      } else if (isIdent(c)) {
        const start = i;
        while (isIdent(src[i])) i++;
        prev = EXPR_KEYWORDS.has(src.slice(start, i)) ? 'punct' : 'operand';
      } else if (c === '/') {
        if (prev === 'operand') i++;
        else i = skipRegex(i);
        prev = 'operand';
      } else if (c === '<' && prev !== 'operand' && /[A-Za-z_$>]/.test(src[i + 1] ?? '')) {
        const end = jsx(i);
        if (end === null) {
          i++;
          prev = 'punct';
        } else {
          i = end;
          prev = 'operand';
        }
      } else {
        prev = c === '>' && src[i - 1] === '=' ? 'arrow' : c === ')' || c === ']' ? 'operand' : 'punct';
        i++;
      }
    }
    return i;
  }

  /** A JSX element from `<`; null when it turns out to be a type parameter list (`<T,>`). */
  function jsx(start: number): number | null {
    let i = start + 1;
    if (src[i] === '>') return children(i + 1);
    while (i < src.length && /[\w$.:-]/.test(src[i])) i++;
    const after = skipSpace(i);
    if (src[after] === ',' || /^extends\b/.test(src.slice(after, after + 8))) return null;
    i = after;
    for (;;) {
      i = skipSpace(i);
      if (i >= src.length) return i;
      if (src.startsWith('/>', i)) return i + 2;
      if (src[i] === '>') return children(i + 1);
      if (src[i] === '{') {
        i = code(i + 1, true); // {...spread}
        continue;
      }
      const attrStart = i;
      while (i < src.length && /[\w$:.-]/.test(src[i])) i++;
      const attr = src.slice(attrStart, i);
      if (!attr) return null; // not JSX after all
      i = skipSpace(i);
      if (src[i] !== '=') continue;
      i = skipSpace(i + 1);
      if (src[i] === '"' || src[i] === "'") {
        const end = src.indexOf(src[i], i + 1);
        const value = src.slice(i + 1, end);
        if (TEXT_PROPS.has(attr) && HUMAN.test(value)) report(i, 'prop', `${attr}="${value}"`);
        i = end + 1;
      } else if (src[i] === '{') {
        const end = code(i + 1, true);
        const expr = src.slice(i + 1, end - 1).trim();
        if (TEXT_PROPS.has(attr) && /^(['"])[^]*\1$|^`[^`$]*`$/.test(expr) && HUMAN.test(expr))
          report(i, 'prop', `${attr}={${expr}}`);
        i = end;
      } else if (src[i] === '<') {
        i = jsx(i) ?? i + 1;
      }
    }
  }

  /** Children of an element up to and including its closing tag. */
  function children(i: number): number {
    while (i < src.length) {
      if (src[i] === '{') {
        i = code(i + 1, true);
      } else if (src.startsWith('</', i)) {
        const end = src.indexOf('>', i);
        return end < 0 ? src.length : end + 1;
      } else if (src[i] === '<') {
        i = jsx(i) ?? i + 1;
      } else {
        const start = i;
        while (i < src.length && src[i] !== '{' && src[i] !== '<') i++;
        const text = src.slice(start, i).replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, ' ');
        const at = text.search(HUMAN);
        if (at >= 0) report(start + at, 'text', text);
      }
    }
    return i;
  }

  code(0, false);
  return found;
}

const WEB = fileURLToPath(new URL('.', import.meta.url));
function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('the scanner for hard-coded text', () => {
  const lines = (src: string) => findHardcodedText(src).map((o) => o.line);

  it('finds text between tags, in Latin and Persian script, with its line', () => {
    expect(findHardcodedText('const A = () => <div>\n  Hello\n</div>;')).toEqual([
      { line: 2, kind: 'text', text: 'Hello' },
    ]);
    expect(lines('function A() {\n  return (\n    <p>\n      <b>ارسال</b>\n    </p>\n  );\n}')).toEqual([4]);
    expect(lines('const x = ok ? <span>Yes</span> : null;')).toEqual([1]);
    expect(lines('const x = <>Fragment text</>;')).toEqual([1]);
    expect(lines('const x = list.map((i) => <li key={i}>Item {i}</li>);')).toEqual([1]);
    expect(lines('const x = <A render={() => <em>inner</em>} />;')).toEqual([1]);
    expect(lines('const x = <A>{cond && <em>\nnested</em>}</A>;')).toEqual([2]);
    expect(lines('const s = `${<b>in a template</b>}`;')).toEqual([1]);
  });

  it('finds string literals in the props people read', () => {
    expect(findHardcodedText('<TextField label="Subject" />')).toEqual([
      { line: 1, kind: 'prop', text: 'label="Subject"' },
    ]);
    expect(lines("<input placeholder='جستجو' />")).toEqual([1]);
    expect(lines('<IconButton aria-label="close" />')).toEqual([1]);
    expect(lines('<Tooltip title={"Delete"}><span /></Tooltip>')).toEqual([1]);
    expect(lines('<img alt={`Logo`} />')).toEqual([1]);
    expect(lines('<F helperText="too long" tooltip="x" />')).toEqual([1, 1]);
  });

  it('leaves translations, code, comments, types and class names alone', () => {
    const clean = [
      '<TextField label={t("ticket.subject")} placeholder={t(`x.${y}`)} />',
      '<img alt="" src="/logo.svg" className="logo big" />',
      '<Box sx={{ display: "flex" }} component="span" variant="h5" data-testid="save-button" />',
      '<p>{t("a.b")} · {count} — 12 % {" "} &nbsp; &times;</p>',
      '<div>{/* a comment with words */}{// another\n}</div>',
      '// <div>commented out</div>\n/* <p>and this</p> */',
      'const [open, setOpen] = useState<HTMLElement | null>(null);',
      'type Props = { items: Array<{ title: string }> };\nconst m = new Map<string, Set<number>>();',
      'const first = <T,>(xs: T[]) => xs[0];\nconst f = <T extends object>(x: T) => x;',
      'if (a < b && c > d) x = a < 3 ? "less than" : "more";',
      'const r = /<b>not jsx<\\/b>/g; const half = total / 2 / 3;',
      'const s = "<div>Text in a string</div>"; const t2 = `<p>${name}</p>`;',
      '<Route path="/login" element={<Login mode="full" />} />',
      'const x = <A label={cond ? t("a") : t("b")} title={name} aria-label={t("c", { n: 1 })} />;',
    ];
    for (const src of clean) expect(findHardcodedText(src), src).toEqual([]);
  });

  it('honours the i18n-ignore marker on a line', () => {
    expect(lines('const x = <code>\n  curl -X POST {/* i18n-ignore */}\n</code>;')).toEqual([]);
  });
});

describe('the web app', () => {
  it('has no human text outside the translation files', () => {
    const offences = tsxFiles(WEB).flatMap((file) =>
      findHardcodedText(readFileSync(file, 'utf8')).map(
        (o) => `${relative(process.cwd(), file)}:${o.line}  ${o.kind === 'text' ? 'text' : 'prop'}: ${o.text}`,
      ),
    );
    expect(
      offences,
      `Hard-coded text (use t('…') and add the keys to fa.json and en.json):\n${offences.join('\n')}`,
    ).toEqual([]);
  });
});
