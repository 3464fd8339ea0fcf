import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { Msg } from '../errors';
import { hasKey } from '../i18n';

/** A request part (body, querystring, params, headers) that did not match its contract. */
export class RequestValidationError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
  }
}

/**
 * Our own validator compiler: zod parses, and on failure we keep the raw issues so the error
 * handler can translate each one per field (fastify adds `validationContext`).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

/** Turns zod issues into `{ field: message }`, one message a field, the first issue winning. */
export function issuesToFields(issues: z.core.$ZodIssue[]): Record<string, Msg> {
  const fields: Record<string, Msg> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const name = [...issue.path, key].join('.');
        fields[name] ??= { key: 'validation.unknown_field' };
      }
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : '_';
    fields[name] ??= issueToMsg(issue);
  }
  return fields;
}

function issueToMsg(issue: z.core.$ZodIssue): Msg {
  if (issue.message && hasKey(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { key: 'validation.required' };
      return { key: `validation.expected_${typeKey(issue.expected)}` };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { key: 'validation.required' } : { key: 'validation.too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.too_few', params: { min } };
      return { key: 'validation.too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.too_many', params: { max } };
      return { key: 'validation.too_big', params: { max } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'url') return { key: 'validation.url' };
      if (issue.format === 'datetime' || issue.format === 'date') return { key: 'validation.date' };
      return { key: 'validation.format' };
    case 'invalid_value':
      return { key: 'validation.one_of', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'validation.invalid' };
  }
}

function typeKey(expected: string): string {
  return ['string', 'number', 'boolean', 'array', 'object', 'int'].includes(expected) ? expected : 'other';
}
