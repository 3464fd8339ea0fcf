import { randomInt } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app';

/** The platform operator's sign-in in the operator tests (OPERATOR_USERNAME/PASSWORD). */
export const OPERATOR_USER = 'operator';
export const OPERATOR_PASSWORD = 'operator-pass-123';
/** A cloud install with an operator. */
export const OPERATOR_CLOUD = {
  CLOUD: 'true',
  ZARINPAL_MERCHANT_ID: 'x',
  OPERATOR_USERNAME: OPERATOR_USER,
  OPERATOR_PASSWORD,
};

/** An address of this run only, so that no earlier run's lock-out rows count. */
export const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The operator talking to the API: a cookie and CSRF token, Basic auth, or nothing. */
export class Operator {
  cookie?: string;
  csrf?: string;
  constructor(
    readonly t: TestApp,
    readonly ip = address(),
    readonly basic?: string,
  ) {}

  req(method: InjectOptions['method'], path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `pishkhan_operator=${this.cookie}`;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    if (this.basic) h.authorization = `Basic ${Buffer.from(this.basic).toString('base64')}`;
    const opts: InjectOptions = { method, url: `/api/v1/operator/${path}`, headers: h, remoteAddress: this.ip };
    if (body !== undefined) opts.payload = body as InjectOptions['payload'];
    return this.t.app.inject(opts);
  }
  get = (path: string) => this.req('GET', path);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) => this.req('POST', path, body, headers);
  patch = (path: string, body: unknown) => this.req('PATCH', path, body);

  async login(password = OPERATOR_PASSWORD, username = OPERATOR_USER): Promise<LightMyRequestResponse> {
    const res = await this.post('login', { username, password });
    if (res.statusCode === 200) {
      this.cookie = res.cookies.find((c) => c.name === 'pishkhan_operator')!.value;
      this.csrf = res.json().csrfToken;
    }
    return res;
  }
}
