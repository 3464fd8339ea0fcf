import { z } from 'zod';
import { normalizeMobile } from './mobile';

/** IDs travel as strings of digits. */
export const ZId = z.string().regex(/^[1-9]\d{0,15}$/, 'validation.id');
/** An id in a path: a string of digits, given to the route as a number (malformed → 404). */
export const ZIdParam = ZId.transform((v) => Number(v));
export const ZIdParams = z.object({ id: ZIdParam });

/** Accepts an id as a number or a string of digits, gives a number. */
export const ZIdInput = z.union([z.number().int().positive(), ZId]).transform((v) => Number(v));

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const ZBool = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

/** A repeatable query parameter (?a=1&a=2 or ?a=1,2). */
export function ZList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));
}

export const ZUsername = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, 'validation.username');
export const ZPassword = z.string().min(8, 'validation.password_short').max(200, 'validation.password_long');
export const ZEmail = z.string().trim().toLowerCase().pipe(z.email('validation.email')).pipe(z.string().max(254));
export const ZLocale = z.enum(['fa', 'en']);
export const ZTimestamp = z.string();

/** An Iranian mobile number in any common spelling, normalised to 09xxxxxxxxx. */
export const ZMobile = z.string().transform((value, ctx) => {
  const mobile = normalizeMobile(value);
  if (!mobile) {
    ctx.addIssue({ code: 'custom', message: 'validation.mobile', input: value });
    return z.NEVER;
  }
  return mobile;
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

type NoDefault<S> = S extends z.ZodDefault<infer I> ? I : S;
type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<NoDefault<T[K]>> };

/**
 * The PATCH form of a create schema: every field optional and, unlike `.partial()`, without
 * the create defaults — zod 4 applies a default even inside `.partial()`, which would reset
 * every field the client did not send.
 */
export function patchShape<T extends z.ZodRawShape>(schema: z.ZodObject<T>): PatchShape<T> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return shape as PatchShape<T>;
}

export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  return z
    .object(patchShape(schema))
    .refine((v) => Object.values(v).some((x) => x !== undefined), 'validation.empty_patch');
}
