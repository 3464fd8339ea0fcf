import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { Msg } from '../errors';
import { hasKey } from '../i18n';

/** A request part (body, querystring, params, headers) that did not match its contract. */
export class RequestValidationError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
  }
}

/** No body, `null`, or `{}`: a call that sends nothing, in any of the ways a client may say so. */
function isEmptyBody(data: unknown): boolean {
  if (data === undefined || data === null) return true;
  if (typeof data !== 'object' || Array.isArray(data)) return false;
  return Object.getPrototypeOf(data) === Object.prototype && Object.keys(data).length === 0;
}

/**
 * Our own validator compiler: zod parses, and on failure we keep the raw issues so the error
 * handler can translate each one per field (fastify adds `validationContext`).
 *
 * An empty body (none, `null` or `{}`) is one thing: where the body is optional it is absent
 * (`undefined`: a patch-like schema would refuse `{}` as "nothing to change"), elsewhere it is
 * `{}`, so that each missing field is named rather than the body as a whole.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    let input = data;
    if (httpPart === 'body' && isEmptyBody(data)) {
      const absent = schema.safeParse(undefined);
      if (absent.success) return { value: absent.data };
      input = {};
    }
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), except that an empty one —
 * `content-type: application/json` and no bytes, as many clients send on a bodiless POST — is
 * no body rather than an error; the route's schema then decides whether it needs one.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
}

/**
 * NUL and unpaired UTF-16 surrogates: PostgreSQL refuses the first in any text (a 500, with the
 * failed statement in the log) and turns the second into U+FFFD, silently changing the text.
 */
const INVALID_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Node {
  value: unknown;
  key?: string | number;
  parent?: Node;
}
const pathOf = (n: Node) => {
  const path: (string | number)[] = [];
  for (let at: Node | undefined = n; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
};

/**
 * The path of every string (value or key) in `data` holding invalid text, at most `max` of them.
 * Walked with a stack of its own and parent links, not recursion and copied paths: a deeply
 * nested body costs time in proportion to its size and cannot overflow the call stack.
 */
export function invalidTextPaths(data: unknown, max = 10): (string | number)[][] {
  const found: (string | number)[][] = [];
  const todo: Node[] = [{ value: data }];
  while (todo.length && found.length < max) {
    const node = todo.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (INVALID_TEXT.test(v)) found.push(pathOf(node));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) todo.push({ value: v[i], key: i, parent: node });
    } else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      for (const [key, value] of Object.entries(v).reverse()) {
        if (!INVALID_TEXT.test(key)) todo.push({ value, key, parent: node });
        else todo.push({ value: key, key: key.replace(new RegExp(INVALID_TEXT, 'g'), '\ufffd'), parent: node });
      }
    }
  }
  return found;
}

const INVALID_KEY = 'validation.invalid_characters';

/**
 * Refuses invalid text in any JSON body and query string, for every route, before validation:
 * 400 naming each field (`validation.invalid_characters`). Nothing reaches an action, so nothing
 * is written and no statement fails. Multipart parts are not parsed yet at this point; file
 * names are cleaned by the files module.
 */
export function refuseInvalidText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const issues: z.core.$ZodIssue[] = [];
    for (const part of [request.query, request.body]) {
      for (const path of invalidTextPaths(part)) {
        // A body that is itself one bad string has no field to name: it is named `body`.
        issues.push({ code: 'custom', path: path.length ? path : ['body'], message: INVALID_KEY, input: undefined });
      }
    }
    if (issues.length) throw new RequestValidationError(issues);
  });
}

/**
 * Turns zod issues into `{ field: message }`, one message a field, the first issue winning.
 * An issue about the whole value (no path: a body that is not an object, a rule across fields)
 * names no field: `rootMessage` gives it as the error's message instead.
 */
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
    if (!issue.path.length) continue;
    fields[issue.path.join('.')] ??= issueToMsg(issue);
  }
  return fields;
}

/** The message of the first issue about the whole value, if any. */
export function rootMessage(issues: z.core.$ZodIssue[]): Msg | undefined {
  const root = issues.find((i) => !i.path.length && i.code !== 'unrecognized_keys');
  return root && issueToMsg(root);
}

function issueToMsg(issue: z.core.$ZodIssue): Msg {
  // Nothing given (an empty id field, a missing value that no option of a union accepts) is
  // "required", not "not valid": issues carry their input (`reportInput` above).
  const empty = issue.input === undefined || issue.input === null || issue.input === '';
  if (empty && (issue.code === 'invalid_union' || issue.message === 'validation.id'))
    return { key: 'validation.required' };
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
