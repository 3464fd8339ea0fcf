import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from './browser';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

/**
 * Talks to the real server's HTTP API as one signed-in person, to prepare data quickly before a
 * browser test (tickets, settings…). Paths are given without /api/v1, as in the web app:
 * `await api.post('/tickets', {...})`. Keeps the session cookie and sends x-csrf-token on writes.
 */
export class ApiClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(
    readonly base: string,
    readonly lang: 'fa' | 'en' = 'en',
  ) {}

  /** Signs in with /api/v1/auth/login (demo password by default). */
  static async login(base: string, login: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(base);
    const me = await client.post<{ csrfToken: string | null; user: { id: number; role: string; locale: string } }>(
      '/auth/login',
      { login, password },
    );
    client.csrfToken = me.csrfToken;
    return client;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}/api/v1${path}`, { method, headers, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new ApiCallError(res.status, data, `${method} ${path}`);
    return data as T;
  }

  get = <T = unknown>(path: string, query?: Record<string, string | number | boolean | Array<string | number>>) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
      for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
    return this.request<T>('GET', qs.size ? `${path}?${qs}` : path);
  };
  post = <T = unknown>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = unknown>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = unknown>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  del = <T = unknown>(path: string) => this.request<T>('DELETE', path);

  /** Uploads a file (multipart) to '/uploads' or '/public/uploads'. */
  upload<T = { id: string }>(name: string, type: string, data: Buffer | string, path = '/uploads'): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type }), name);
    return this.request<T>('POST', path, form);
  }

  /** Gives this API session to a browser context, so a page opens already signed in as this person. */
  async shareWith(context: BrowserContext): Promise<void> {
    const url = new URL(this.base);
    await context.addCookies(
      [...this.cookies].map(([name, value]) => ({
        name,
        value,
        domain: url.hostname,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax' as const,
      })),
    );
  }
}
