import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { orgUnits } from '../../../db/schema';
import { ZDay } from '../../../contracts/calendars';
import type { TField } from '../../../contracts/catalogue';
import { normalizeMobile } from '../../../contracts/mobile';
import { normalizeDigits } from '../../../contracts/text';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, type Msg } from '../../platform/errors';

export type StoredValue = string | number | { id: string; name: string };
export type StoredValues = Record<string, StoredValue>;

const PRIORITIES = ['urgent', 'high', 'medium', 'low'];
const MAX_TEXT = 500;
const MAX_LONGTEXT = 10_000;
const ZEmailOnly = z.email();

/** Digits of any script, thousands separators (, ٬ ’ space) and the Persian decimal mark read as a number. */
function readNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const s = normalizeDigits(raw)
    .replace(/[,٬’'\s\u200c]/g, '')
    .replace('٫', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

type Check = { value: StoredValue } | { error: Msg };
const bad = (key: string, params?: Msg['params']): Check => ({ error: { key, params } });

/** One field's value, as its kind reads it; orgUnit ids are checked against the database apart. */
function checkValue(f: TField, raw: unknown): Check {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : null;
  switch (f.kind) {
    case 'text':
    case 'longtext': {
      if (text === null) return bad('validation.text');
      const max = f.kind === 'text' ? MAX_TEXT : MAX_LONGTEXT;
      return text.length > max ? bad('validation.too_long', { max }) : { value: text };
    }
    case 'number': {
      const n = readNumber(raw);
      return n === null ? bad('validation.number') : { value: n };
    }
    case 'money': {
      const n = readNumber(raw);
      if (n === null || !Number.isInteger(n)) return bad('validation.money');
      return n < 0 || n > 1e15 ? bad('validation.money') : { value: n };
    }
    case 'phone': {
      const s = normalizeDigits(text ?? '');
      const digits = s.replace(/\D/g, '');
      return /^\+?[\d\s()-]+$/.test(s) && digits.length >= 4 && digits.length <= 20
        ? { value: s }
        : bad('validation.phone');
    }
    case 'mobile': {
      const m = normalizeMobile(text ?? '');
      return m ? { value: m } : bad('validation.mobile');
    }
    case 'email': {
      const e = (text ?? '').toLowerCase();
      return ZEmailOnly.safeParse(e).success && e.length <= 254 ? { value: e } : bad('validation.email');
    }
    case 'select':
      return text !== null && (f.options ?? []).includes(text) ? { value: text } : bad('validation.option');
    case 'date': {
      const d = normalizeDigits(text ?? '');
      return ZDay.safeParse(d).success ? { value: d } : bad('validation.date');
    }
    case 'priority':
      return text && PRIORITIES.includes(text) ? { value: text } : bad('validation.priority');
    case 'orgUnit':
      return text && /^[1-9]\d{0,15}$/.test(normalizeDigits(text))
        ? { value: normalizeDigits(text) }
        : bad('validation.unknown_org_unit');
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A request form's values checked against its fields (E1): each error under `values.<key>` with
 * its own translated message; unknown keys refused. Answers the values as stored (numbers as
 * numbers, organisational units as `{ id, name }`), empty optional fields left out.
 */
export async function checkFormValues(
  ctx: Ctx,
  fields: TField[],
  input: Record<string, unknown>,
): Promise<StoredValues> {
  const errors: Record<string, Msg> = {};
  const out: StoredValues = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(input))
    if (!known.has(key)) errors[`values.${key}`] = { key: 'validation.unknown_field' };
  for (const f of fields) {
    const raw = input[f.key];
    if (isEmpty(raw)) {
      if (f.required) errors[`values.${f.key}`] = { key: 'validation.required' };
      continue;
    }
    const r = checkValue(f, raw);
    if ('error' in r) errors[`values.${f.key}`] = r.error;
    else out[f.key] = r.value;
  }
  const unitFields = fields.filter((f) => f.kind === 'orgUnit' && typeof out[f.key] === 'string');
  if (unitFields.length) {
    const ids = unitFields.map((f) => Number(out[f.key]));
    const rows = await ctx.db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(inWorkspace(orgUnits, ctx, and(inArray(orgUnits.id, ids), eq(orgUnits.active, true))));
    const names = new Map(rows.map((r) => [Number(r.id), r.name]));
    for (const f of unitFields) {
      const id = Number(out[f.key]);
      const name = names.get(id);
      if (name === undefined) errors[`values.${f.key}`] = { key: 'validation.unknown_org_unit' };
      else out[f.key] = { id: String(id), name };
    }
  }
  if (Object.keys(errors).length) throw Invalid(errors);
  return out;
}

/** A value as text: for the request's details, its search text and `{{key}}` in an SMS. */
export function valueText(v: StoredValue | undefined, kind?: TField['kind']): string {
  if (v === undefined) return '';
  if (typeof v === 'object') return v.name;
  if (kind === 'money' && typeof v === 'number') return v.toLocaleString('en-US');
  return String(v);
}
