/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Bidi-safe user text (issue 14, point 4): what people typed — subjects, names, usernames,
 * e-mails, department/tag/group/type names, descriptions, titles, file names — must render in its
 * own direction (`<UserText>` from ui/UserText.tsx, a `<bdi>`, or an element with `dir`), or a
 * Persian subject comes out in the wrong word order inside the English interface and an English
 * one inside the Persian interface. This reads the .tsx sources (TypeScript's parser) and fails on:
 *
 * - a known user-text field (`x.subject`, `x.name`…) rendered as a JSX child whose element has no
 *   `dir` and is not a `<bdi>`/`<UserText>` (or `component="bdi"`);
 * - the same field given straight to a visible prop (`label`, `primary`, `secondary`, `title`…)
 *   instead of as `<UserText>…</UserText>`;
 * - the field interpolated raw into a visible translated sentence (`t('…', { name: x.name })`)
 *   instead of `isolate(x.name)`;
 * - a text input (`<TextField>` that is not email/password/number/select, `<DebouncedText>`)
 *   without a `dir` for what is typed into it.
 *
 * The browser test test/e2e/bidi.test.ts measures the result on screen. A line holding the
 * marker `bidi-ignore` (in a comment, with the reason) is skipped.
 */

const WEB = fileURLToPath(new URL('.', import.meta.url));

/** Properties that hold text people typed. */
const USER_FIELDS = new Set([
  'subject',
  'name',
  'username',
  'email',
  'title',
  'description',
  'displayName',
  'address',
  'snippet',
  'fileName',
  'filename',
  'announcement',
  'suspensionMessage',
]);
/** Props whose value is shown on screen (aria-* are read, not laid out, and need no isolation). */
const VISIBLE_PROPS = new Set(['label', 'primary', 'secondary', 'title', 'helperText', 'placeholder', 'alt']);
/** Elements that give their text its own direction by themselves. */
const ISOLATING_TAGS = new Set(['bdi', 'UserText']);
/** Text inputs: they take `dir` for what is typed (on the input element). */
const TEXT_INPUTS = new Set(['TextField', 'DebouncedText']);
/** Input types whose content is never bidi text, or that are not typed text at all. */
const NOT_TEXT_TYPES = new Set(['email', 'password', 'number', 'url', 'tel', 'file', 'date', 'color']);

/**
 * Files skipped for now, each with the reason (another change owns them while it fixes their
 * user text). Remove an entry once its file passes. Empty: every file is checked.
 */
const PENDING: Record<string, string> = {};

/** Findings that are not user text, by `file` and the expression or element found; each says why. */
const NOT_USER_TEXT: Record<string, string> = {
  'features/agent/AgentDashboard.tsx g.title': 'the title of a group of counters, from t()',
  'ui/date/DatePickerField.tsx <TextField>': 'a date field: digits and separators laid out by the picker',
};

interface Offence {
  file: string;
  line: number;
  /** The expression or element found, as written. */
  found: string;
  what: string;
}

const tagName = (el: ts.JsxOpeningLikeElement) => el.tagName.getText();
const attr = (el: ts.JsxOpeningLikeElement, name: string) =>
  el.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
const stringAttr = (el: ts.JsxOpeningLikeElement, name: string): string | undefined => {
  const a = attr(el, name);
  if (!a?.initializer) return a ? 'true' : undefined;
  if (ts.isStringLiteral(a.initializer)) return a.initializer.text;
  return a.initializer.getText();
};
const isCallTo = (node: ts.Node, names: string[]) =>
  ts.isCallExpression(node) &&
  (ts.isIdentifier(node.expression)
    ? names.includes(node.expression.text)
    : ts.isPropertyAccessExpression(node.expression) && names.includes(node.expression.name.text));

/**
 * The user-text fields an expression shows: it follows what ends up on screen (both sides of
 * `||`/`??`, the branches of `?:`, the right of `&&`, `.map(cb)` results and `.join`) and stops
 * at JSX (checked on its own), at `t()`/`isolate()` and other calls (formatting, not text).
 */
function shownFields(expr: ts.Node): ts.PropertyAccessExpression[] {
  const found: ts.PropertyAccessExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n))
      return visit(n.expression);
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return visit(n.right);
      if (
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.PlusToken
      ) {
        visit(n.left);
        return visit(n.right);
      }
      return;
    }
    if (ts.isConditionalExpression(n)) {
      visit(n.whenTrue);
      return visit(n.whenFalse);
    }
    // A template that starts with FIRST STRONG ISOLATE is isolated already (see isolate()).
    if (ts.isTemplateExpression(n))
      return n.head.text.startsWith('\u2068') ? undefined : n.templateSpans.forEach((s) => visit(s.expression));
    if (ts.isCallExpression(n)) {
      if (ts.isPropertyAccessExpression(n.expression) && ['map', 'join', 'filter'].includes(n.expression.name.text)) {
        visit(n.expression.expression);
        for (const a of n.arguments)
          if ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && !ts.isBlock(a.body)) visit(a.body);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(n) && USER_FIELDS.has(n.name.text)) found.push(n);
  };
  visit(expr);
  return found;
}

/** The raw user fields interpolated into `t(key, { … })` calls found in `expr`. */
function rawInterpolations(expr: ts.Node): ts.PropertyAccessExpression[] {
  const found: ts.PropertyAccessExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) return;
    if (
      isCallTo(n, ['t']) &&
      ts.isCallExpression(n) &&
      n.arguments[1] &&
      ts.isObjectLiteralExpression(n.arguments[1])
    ) {
      for (const p of n.arguments[1].properties)
        if (ts.isPropertyAssignment(p)) found.push(...shownFields(p.initializer));
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** The nearest JSX element around a node (fragments are not elements: they pass through). */
function holder(node: ts.Node): ts.JsxOpeningLikeElement | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n)) return n.openingElement;
    if (ts.isJsxSelfClosingElement(n)) return n;
    if (ts.isJsxAttribute(n)) return undefined;
  }
  return undefined;
}
const isolates = (el: ts.JsxOpeningLikeElement | undefined) =>
  !!el && (ISOLATING_TAGS.has(tagName(el)) || !!attr(el, 'dir') || stringAttr(el, 'component') === 'bdi');

export function findBidiProblems(file: string, src: string): Offence[] {
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const ignored = new Set<number>();
  src.split('\n').forEach((l, i) => l.includes('bidi-ignore') && ignored.add(i + 1));
  const out: Offence[] = [];
  const definitions = new Map<string, string>();
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
      definitions.set(n.name.text, n.initializer.getText());
    ts.forEachChild(n, collect);
  };
  collect(sf);
  const report = (node: ts.Node, what: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const found = ts.isJsxOpeningLikeElement(node) ? `<${tagName(node)}>` : node.getText();
    if (!ignored.has(line) && !(`${file} ${found}` in NOT_USER_TEXT)) out.push({ file, line, found, what });
  };
  const visit = (n: ts.Node): void => {
    // A field shown as a child of an element.
    if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent))) {
      const el = holder(n);
      if (!isolates(el))
        for (const f of shownFields(n.expression))
          report(f, `${f.getText()} shown in <${el ? tagName(el) : '>'}> without dir="auto" / <UserText>`);
      for (const f of rawInterpolations(n.expression))
        report(f, `${f.getText()} put raw into a translated sentence: isolate(${f.getText()})`);
    }
    // A field given to a visible prop.
    if (
      ts.isJsxAttribute(n) &&
      VISIBLE_PROPS.has(n.name.getText()) &&
      n.initializer &&
      ts.isJsxExpression(n.initializer)
    ) {
      const e = n.initializer.expression;
      if (e) {
        for (const f of shownFields(e)) report(f, `${f.getText()} given to ${n.name.getText()}= without <UserText>`);
        for (const f of rawInterpolations(e))
          report(f, `${f.getText()} put raw into a translated ${n.name.getText()}=: isolate(${f.getText()})`);
      }
    }
    // A text input without a direction for what is typed.
    if ((ts.isJsxSelfClosingElement(n) || ts.isJsxOpeningElement(n)) && TEXT_INPUTS.has(tagName(n))) {
      const type = stringAttr(n, 'type');
      // slotProps={ltr}: the props may be a constant of the file; read its definition too.
      const consts = n.attributes.properties
        .map((p) =>
          ts.isJsxAttribute(p) && p.initializer && ts.isJsxExpression(p.initializer)
            ? p.initializer.expression
            : undefined,
        )
        .filter((e): e is ts.Identifier => !!e && ts.isIdentifier(e))
        .map((id) => definitions.get(id.text) ?? '');
      const attrsText = [n.attributes.getText(), ...consts].join(' ');
      const notText = (type && NOT_TEXT_TYPES.has(type)) || attr(n, 'select');
      if (!notText && !/\bdir\b|autoDirInput/.test(attrsText))
        report(n, `<${tagName(n)}> for typed text without dir (slotProps.htmlInput: autoDirInput)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : e.name.endsWith('.tsx') ? [p] : [];
  });
}

describe('bidi: user text renders in its own direction', () => {
  it('finds what it looks for (a check of the checker)', () => {
    const bad = `
      const A = () => <Typography>{ticket.subject}</Typography>;
      const B = () => <Chip label={tag.name} />;
      const C = () => <span>{t('x.y', { name: user.name })}</span>;
      const D = () => <TextField label={t('a')} value={v} />;
      const E = () => <span>{list.map((a) => a.name).join(', ')}</span>;`;
    expect(findBidiProblems('bad.tsx', bad).map((o) => o.line)).toEqual([2, 3, 4, 5, 6]);
    const good = `
      const A = () => <Typography dir="auto">{ticket.subject}</Typography>;
      const B = () => <Chip label={<UserText>{tag.name}</UserText>} />;
      const C = () => <span>{t('x.y', { name: isolate(user.name) })}</span>;
      const D = () => <TextField label={t('a')} value={v} slotProps={{ htmlInput: autoDirInput }} />;
      const E = () => <UserText>{list.map((a) => a.name).join(', ')}</UserText>;
      const F = () => <TextField type="email" value={v} />;
      const G = () => <IconButton aria-label={t('x', { name: user.name })} />;
      const H = () => <span>{user.name.slice(0, 1)}</span>;
      const I = () => <>{user.email && <bdi dir="ltr">{user.email}</bdi>}</>;`;
    expect(findBidiProblems('good.tsx', good)).toEqual([]);
  });

  it('every .tsx under src/web', () => {
    const problems = tsxFiles(WEB)
      .map((p) => [relative(WEB, p).replaceAll('\\', '/'), p] as const)
      .filter(([rel]) => !(rel in PENDING))
      .flatMap(([rel, p]) => findBidiProblems(rel, readFileSync(p, 'utf8')))
      .map((o) => `${o.file}:${o.line}: ${o.what}`);
    expect(problems).toEqual([]);
  }, 60_000); // TypeScript parses ~150 files: seconds on a busy machine
});
