import type { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../../../contracts/people';

// The contracts' values cannot be imported into the browser (that file imports zod): they are
// repeated here, typed by the originals, so a change on the server fails typecheck.
/** The longest life of a token, in days. */
export const TOKEN_MAX: typeof TOKEN_MAX_DAYS = 365;
/** The life of a token when none is asked for. */
export const TOKEN_DEFAULT: typeof TOKEN_DEFAULT_DAYS = 90;
/** The lives offered in the form; a date may be picked instead. */
export const EXPIRY_CHOICES = [30, TOKEN_DEFAULT, TOKEN_MAX] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];
const EVERY_SCOPE: Record<TokenScope, true> = { api: true, tokens: true };
/** Every scope, `api` (always given) first. */
export const TOKEN_SCOPE_LIST = Object.keys(EVERY_SCOPE) as TokenScope[];

/**
 * The instant a token picked to end on `day` (YYYY-MM-DD, from the date picker) stops working:
 * that day at the present time of day, so "a year from today" is exactly TOKEN_MAX days.
 */
export function expiryOfDay(day: string, now = new Date()): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const at = new Date(now.getTime());
  at.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The instant `days` days from now. */
export const expiryInDays = (days: number, now = new Date()) => new Date(now.getTime() + days * 86_400_000);
