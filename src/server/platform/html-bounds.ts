/**
 * A cheap, linear pre-check of rich text before sanitize-html parses it (issue 12).
 *
 * sanitize-html (through htmlparser2) is quadratic in nesting depth — its open-element stack is
 * kept with `Array.unshift` — and costs several microseconds per element, attribute, style
 * declaration and entity. `'<div>'.repeat(40000)` blocked the event loop for seconds. This scan
 * visits every character a bounded number of times and estimates what parsing will cost; input
 * over the limits is refused before the parser sees it.
 *
 * It follows htmlparser2's tokenisation closely enough to be an upper bound: the depth it counts
 * is never less than the parser's (it applies the parser's common implied closes, not all).
 */

export interface RichTextLimits {
  /** Characters (the HTTP contract caps bodies at 200 000 as well). */
  maxChars: number;
  /** Open elements at once. */
  maxDepth: number;
  /** Attributes on one element. */
  maxAttributes: number;
  /** Estimated parse cost, in units of about a microsecond (see COST). */
  maxCost: number;
}

/**
 * What a person may send: about 20 ms of parsing on an idle core at most — 4 000 plain elements,
 * or 900 links, far beyond what an editor produces for one message.
 */
export const RICH_TEXT_LIMITS: RichTextLimits = {
  maxChars: 200_000,
  maxDepth: 100,
  maxAttributes: 64,
  maxCost: 20_000,
};

/** Incoming mail (a background job; over the limits it becomes plain text, never refused). */
export const MAIL_HTML_LIMITS: RichTextLimits = {
  maxChars: 1_000_000,
  maxDepth: 100,
  maxAttributes: 64,
  maxCost: 40_000,
};

/** Measured per-item cost of sanitising (microseconds, rounded up): links are the dearest. */
const COST = { element: 5, link: 22, image: 10, attribute: 3, styleDeclaration: 4, token: 2 };

export type RichTextProblem = 'too_large' | 'too_complex';

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content htmlparser2 reads as raw text up to the closing tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

const P = new Set(['p']);
/** htmlparser2's `openImpliesClose` for the elements mail and editors use. */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t) => [t, P] as [string, Set<string>]),
]);

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Why this HTML may not be sanitised (too large, too deep, too much markup), or null. */
export function richTextProblem(html: string, limits: RichTextLimits = RICH_TEXT_LIMITS): RichTextProblem | null {
  if (html.length > limits.maxChars) return 'too_large';
  const n = html.length;
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let cost = 0;

  const pop = () => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
  };
  const close = (name: string) => {
    if (openCount.get(name)) {
      while (stack.length && stack[stack.length - 1] !== name) pop();
      pop();
    } else if (name === 'p' || name === 'br') cost += COST.element; // the parser makes up the element
  };
  const open = (name: string) => {
    const implied = IMPLIES_CLOSE.get(name);
    if (implied) while (stack.length && implied.has(stack[stack.length - 1])) pop();
    if (VOID.has(name)) return;
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };

  let i = 0;
  while (i < n) {
    if (cost > limits.maxCost || stack.length > limits.maxDepth) return 'too_complex';
    const c = html.charCodeAt(i);
    if (c === 38 /* & */) {
      cost += COST.token;
      i++;
      continue;
    }
    if (c !== 60 /* < */) {
      i++;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      // Comment, doctype, CDATA or processing instruction: skipped whole.
      const comment = html.startsWith('<!--', i);
      const end = comment ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      if (end < 0) break;
      i = end + (comment ? 3 : 1);
      continue;
    }
    if (next === 47 /* / */) {
      let j = i + 2;
      if (!isLetter(html.charCodeAt(j))) {
        // `</` and no name: a bogus comment up to `>`.
        const end = html.indexOf('>', j);
        if (end < 0) break;
        i = end + 1;
        continue;
      }
      while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 62 && html.charCodeAt(j) !== 47) j++;
      const name = html.slice(i + 2, j).toLowerCase();
      const end = html.indexOf('>', j);
      if (end < 0) break;
      close(name);
      cost += COST.token;
      i = end + 1;
      continue;
    }
    if (!isLetter(next)) {
      cost += COST.token; // a stray `<` is text, but each one is a separate text event
      i++;
      continue;
    }
    // An opening tag: name, then attributes (quoted values may hold `>`).
    let j = i + 1;
    while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 62 && html.charCodeAt(j) !== 47) j++;
    const name = html.slice(i + 1, j).toLowerCase();
    let attributes = 0;
    let declarations = 0;
    let ended = false;
    while (j < n) {
      const a = html.charCodeAt(j);
      if (a === 62 /* > */) {
        ended = true;
        j++;
        break;
      }
      if (isSpace(a) || a === 47) {
        j++;
        continue;
      }
      const nameStart = j;
      while (j < n) {
        const b = html.charCodeAt(j);
        if (isSpace(b) || b === 61 || b === 62 || (b === 47 && j > nameStart)) break;
        j++;
      }
      const attr = html.slice(nameStart, j).toLowerCase();
      attributes++;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      if (html.charCodeAt(j) !== 61 /* = */) continue;
      j++;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      const q = html.charCodeAt(j);
      let valueStart: number;
      let valueEnd: number;
      if (q === 34 || q === 39) {
        valueStart = j + 1;
        valueEnd = html.indexOf(q === 34 ? '"' : "'", valueStart);
        if (valueEnd < 0) {
          j = n;
          break;
        }
        j = valueEnd + 1;
      } else {
        valueStart = j;
        while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 62) j++;
        valueEnd = j;
      }
      if (attr === 'style') for (let k = valueStart; k < valueEnd; k++) if (html.charCodeAt(k) === 58) declarations++;
    }
    if (!ended) break; // a tag left open at the end is dropped by the parser
    if (attributes > limits.maxAttributes) return 'too_complex';
    cost +=
      (name === 'a' ? COST.link : name === 'img' ? COST.image : COST.element) +
      attributes * COST.attribute +
      declarations * COST.styleDeclaration;
    open(name);
    i = j;
    if (RAW_TEXT.has(name)) {
      // Raw text up to `</name`, matched without regard to case.
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = i;
      const m = end.exec(html);
      if (!m) break;
      i = m.index;
    }
  }
  return cost > limits.maxCost || stack.length > limits.maxDepth ? 'too_complex' : null;
}
