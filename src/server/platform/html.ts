import sanitizeHtml from 'sanitize-html';
import { InvalidField } from './errors';
import { MAIL_HTML_LIMITS, richTextProblem } from './html-bounds';

/**
 * The allow-list for rich text (C5). Scripts, styles, frames, event handlers and dangerous URL
 * schemes never survive; links open in a new tab with rel=noopener; `dir` is kept so mixed
 * Persian and English text lays out right.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'div',
    'span',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'strike',
    'del',
    'sub',
    'sup',
    'mark',
    'blockquote',
    'code',
    'pre',
    'hr',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
  ],
  allowedAttributes: {
    '*': ['dir', 'style'],
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedStyles: {
    '*': {
      'text-align': [/^(left|right|center|justify|start|end)$/],
      direction: [/^(rtl|ltr)$/],
      color: [/^#[0-9a-f]{3,6}$/i, /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/],
      'background-color': [/^#[0-9a-f]{3,6}$/i, /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/],
      'font-weight': [/^(bold|normal|[1-9]00)$/],
      'font-style': [/^(italic|normal)$/],
      'text-decoration': [/^(underline|line-through|none)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [
    'style',
    'script',
    'textarea',
    'option',
    'noscript',
    'title',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
  ],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
    // An inline image may only be a raster image. The refused one loses its attributes and the
    // bare `<img />` is cut from the output afterwards, in one pass: an `exclusiveFilter` would
    // cut the output string once per image (quadratic), and renaming the element trips a
    // sanitize-html bug (the new name leaks to the next element's closing tag).
    img: (tagName, attribs) => ({ tagName, attribs: dataUriRefused(attribs.src) ? {} : attribs }),
  },
};

function dataUriRefused(src: string | undefined): boolean {
  if (!src) return false;
  // Browsers ignore control characters and spaces in a scheme: so does this check.
  const head = src
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+/, '')
    .slice(0, 64)
    .toLowerCase();
  return head.startsWith('data:') && !/^data:image\/(png|jpe?g|gif|webp);base64,/.test(head);
}

const sanitize = (html: string) => sanitizeHtml(html, OPTIONS).replace(BARE_IMG, '').trim();

/**
 * Knowledge-base articles (H2) are written in the advanced editor: on top of rich text they keep
 * a font family (names only: letters, spaces, commas, quotes — no url() or expressions) and size,
 * table column widths, and a code block's language class.
 */
const SIZE = /^\d{1,3}(\.\d{1,2})?(px|pt|em|rem|%)$/;
const ARTICLE_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedTags: [...(OPTIONS.allowedTags as string[]), 'colgroup', 'col', 'figure', 'figcaption'],
  allowedAttributes: { ...OPTIONS.allowedAttributes, col: ['span'], img: ['src', 'alt', 'title', 'width', 'height'] },
  allowedClasses: { code: [/^language-[a-z0-9+#-]{1,30}$/] },
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'col'],
  allowedStyles: {
    '*': {
      ...OPTIONS.allowedStyles!['*'],
      'font-family': [/^[\p{L}\p{N} ,'"-]{1,120}$/u],
      'font-size': [SIZE],
    },
    col: { width: [SIZE], 'min-width': [SIZE] },
    td: { width: [SIZE], 'min-width': [SIZE] },
    th: { width: [SIZE], 'min-width': [SIZE] },
    img: { width: [SIZE], height: [SIZE] },
  },
};
export const ARTICLE_HTML_LIMITS = { maxChars: 500_000, maxDepth: 100, maxAttributes: 64, maxCost: 60_000 };

/** Sanitises an article's body (refusing, like sanitizeRichText, what would make the parser slow). */
export function sanitizeArticleHtml(html: string, field = 'body'): string {
  const problem = richTextProblem(html, ARTICLE_HTML_LIMITS);
  if (problem) throw InvalidField(field, `validation.rich_text_${problem}`);
  return sanitizeHtml(html, ARTICLE_OPTIONS).replace(BARE_IMG, '').trim();
}
/** An image without any attribute: one whose `src` was refused (or that never had one). */
const BARE_IMG = /<img \/>/g;

/**
 * Sanitises rich text from a person (C5): once per request, in bounded time. Input that would
 * make the parser slow (deep nesting, masses of markup; see html-bounds.ts) is refused with a
 * 400 naming `field`, before the parser runs.
 */
export function sanitizeRichText(html: string, field = 'body'): string {
  const problem = richTextProblem(html);
  if (problem) throw InvalidField(field, `validation.rich_text_${problem}`);
  return sanitize(html);
}

/**
 * The same for HTML nobody can be asked to fix (incoming mail): too complex HTML becomes its
 * plain text, in paragraphs, instead of being refused.
 */
export function sanitizeRichTextOrText(html: string): string {
  if (!richTextProblem(html, MAIL_HTML_LIMITS)) return sanitize(html);
  return htmlToText(html)
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntity = (whole: string, body: string): string => {
  if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
};
const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g;
/** Line breaks in text: after `<br>` and these closing tags. */
const CLOSE_BREAK = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
/** Elements whose content is not text. */
const HIDDEN = new Set([
  'script',
  'style',
  'textarea',
  'noscript',
  'title',
  'option',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
]);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57);

/**
 * Plain text of HTML: for search, previews, mail and "is there any content". A single linear
 * scan (no second parse of a message that was just sanitised); exact on sanitised HTML, where
 * attribute values carry no `>`, and a fair approximation on raw HTML.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const n = html.length;
  let text = 0; // start of the text not yet copied
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47; /* / */
    if (next !== 33 /* ! */ && !isLetter(html.charCodeAt(lt + (closing ? 2 : 1)))) {
      i = lt + 1; // a `<` that starts no tag is text
      continue;
    }
    if (lt > text) parts.push(html.slice(text, lt));
    if (next === 33) {
      const comment = html.startsWith('<!--', lt);
      const end = comment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt);
      i = text = end < 0 ? n : end + (comment ? 3 : 1);
      continue;
    }
    const end = html.indexOf('>', lt);
    if (end < 0) {
      i = text = n; // a tag cut off at the end is no text
      break;
    }
    let j = lt + (closing ? 2 : 1);
    while (j < end && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(lt + (closing ? 2 : 1), j).toLowerCase();
    if (closing ? CLOSE_BREAK.has(name) : name === 'br') parts.push('\n');
    i = text = end + 1;
    if (!closing && HIDDEN.has(name)) {
      const close = new RegExp(`</${name}\\b`, 'gi');
      close.lastIndex = i;
      const m = close.exec(html);
      const after = m ? html.indexOf('>', m.index) : -1;
      i = text = after < 0 ? n : after + 1;
    }
  }
  if (text < n) parts.push(html.slice(text));
  const joined = parts.join('');
  return (joined.includes('&') ? joined.replace(ENTITY, decodeEntity) : joined).replace(/\n{3,}/g, '\n\n').trim();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Is there any visible content (text or an image) in sanitised HTML? Linear, no parser. */
export const hasContent = (html: string) => /<img\b/i.test(html) || htmlToText(html).length > 0;
