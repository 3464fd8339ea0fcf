import i18n from '../../ui/i18n/i18n';
import { PATH_SLUG } from '../workspace-path';

/** The error shape of every API failure (api.md, "Errors"). `fields` maps a field to its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** Set from /auth/session and the sign-in answers; state-changing calls send it back. */
export const setCsrfToken = (token: string | null) => (csrfToken = token);
export const getCsrfToken = () => csrfToken;

export function baseHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': i18n.language || 'fa' };
  // A page under /w/<slug> is that workspace's, whatever the host name says.
  if (PATH_SLUG) headers['x-workspace'] = PATH_SLUG;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

/** Turns any failed response into an ApiError with the server's (translated) message. */
export async function toApiError(res: Response | { status: number; text: string }): Promise<ApiError> {
  const text =
    'text' in res && typeof res.text === 'string' ? res.text : await (res as Response).text().catch(() => '');
  try {
    const body = JSON.parse(text) as {
      error?: { code?: string; message?: string; fields?: Record<string, string> };
    } & Record<string, unknown>;
    if (body.error)
      return new ApiError(
        res.status,
        body.error.code ?? 'error',
        body.error.message ?? i18n.t('errors.generic'),
        body.error.fields ?? {},
        body.error,
      );
  } catch {
    /* not JSON: fall through */
  }
  return new ApiError(
    res.status,
    res.status === 0 ? 'network' : 'error',
    i18n.t(res.status === 0 ? 'errors.network' : 'errors.generic'),
  );
}

/** Sends one JSON request to `url`. Resolves with the parsed body (undefined for 204), rejects with ApiError. */
export async function fetchJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  opts: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const headers = { ...baseHeaders(method), ...opts.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a multipart form with upload progress (fetch cannot report upload progress,
 * XMLHttpRequest can). Parts go in the order they were appended: servers that stream the form
 * (POST /tickets/import) want the text fields before the file. Resolves with the JSON answer.
 */
export function sendMultipart<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(baseHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else reject(await toApiError({ status: xhr.status, text: xhr.responseText }));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
