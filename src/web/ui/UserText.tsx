import type { ReactNode } from 'react';

/**
 * Text that people typed — a subject, a name, a username, an e-mail, a department, tag, group or
 * type name, a file name, the workspace's title — shown in its own direction, whatever the
 * language of the page: `<bdi dir="auto">` takes the direction of its first strong letter and
 * isolates it from the words around it. So «خطای VPN در نسخهٔ 4.2» reads right to left inside
 * the English interface and "Cannot open فاکتور in Chrome" left to right inside the Persian one.
 *
 * Inline: the element's alignment stays the page's. For a block of user text whose alignment
 * should follow the text too (a heading), put `dir="auto"` on the block instead.
 * `src/web/bidi.test.ts` fails when a known user-text field is rendered without one of the two.
 */
export function UserText({ children }: { children: ReactNode }) {
  return <bdi dir="auto">{children}</bdi>;
}

/**
 * User text put inside a translated sentence (as the `name` of a translation: `isolate(x.name)`): wrapped in
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text twin of `<bdi dir="auto">`.
 * For visible text only; an aria-label is not laid out, so it does not need it.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** The props that make a text input take the direction of what is typed into it. */
export const autoDirInput = { dir: 'auto' } as const;
