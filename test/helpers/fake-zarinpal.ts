import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Zarinpal's payment gateway (REST API v4), on 127.0.0.1 and a free port.
 * It checks requests as Zarinpal documents them and answers in Zarinpal's shapes, errors included
 * (the protocol and its sources: the comment at the top of
 * src/server/modules/billing/zarinpal/zarinpal-client.ts). It keeps the payment sessions, and
 * `GET /pg/StartPay/:authority` plays the payer's page: it pays or cancels (`payerAction`) and
 * redirects to the callback with `?Authority=…&Status=OK|NOK`. Point ZARINPAL_URL at `baseUrl`.
 */

export type FakeSessionState = 'created' | 'paid' | 'verified' | 'cancelled';

export interface FakeSession {
  authority: string;
  merchantId: string;
  /** As requested, in the request's currency. */
  amount: number;
  currency: 'IRR' | 'IRT';
  callbackUrl: string;
  description: string;
  metadata: Record<string, unknown>;
  state: FakeSessionState;
  refId: number | null;
  createdAt: Date;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body of an API call. */
  json?: Record<string, unknown>;
}

export interface FakeZarinpal {
  /** What the client takes as baseUrl (and ZARINPAL_URL). */
  baseUrl: string;
  /** An active merchant the gateway knows. */
  merchantId: string;
  /** Adds a merchant: an inactive one is answered -11. */
  addMerchant(id: string, active?: boolean): void;
  /** What the payer does on the StartPay page. */
  payerAction: 'pay' | 'cancel';
  /** HTTP status of Zarinpal's own error answers (200 and 400 are both seen; 400 by default). */
  errorStatus: number;
  /** When set, every API call is answered with this error code (e.g. -12, -52). */
  forceError: number | null;
  /** Wait this long before handling each API call (concurrency tests). */
  delayMs: number;
  /** Accept connections and never answer. */
  hang: boolean;
  /** The next n API calls get `status` with an HTML page (a proxy in the way). */
  failNext(n: number, status?: number): void;
  pay(authority: string): void;
  cancel(authority: string): void;
  sessions(): FakeSession[];
  session(authority: string): FakeSession | undefined;
  calls: { request: number; verify: number; unverified: number; startPay: number };
  requests: FakeRequest[];
  stop(): Promise<void>;
}

const API = '/pg/v4/payment/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_RIAL = 1_000;
const MAX_RIAL = 1_000_000_000;
const MESSAGES: Record<number, string> = {
  [-9]: 'The input params invalid, validation error.',
  [-10]: 'Terminal is not valid, please check merchant_id or ip address.',
  [-11]: 'Terminal is not active, please contact our support team.',
  [-12]: 'To many attempts, please try again later.',
  [-41]: 'Maximum amount is 100,000,000 tomans.',
  [-50]: 'Session is not valid, amounts values is not the same.',
  [-51]: 'Session is not valid, session is not active paid try.',
  [-52]: 'Oops!!, please contact our support team',
  [-53]: 'Session is not this merchant_id session',
  [-54]: 'Invalid authority.',
};

class Refusal {
  constructor(
    readonly code: number,
    readonly validations: Record<string, string>[] = [],
  ) {}
}

export async function startFakeZarinpal(): Promise<FakeZarinpal> {
  const merchants = new Map<string, boolean>();
  const sessions = new Map<string, FakeSession>();
  let failures = { n: 0, status: 502 };
  let nextRef = 50_000_000;

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const html = (res: ServerResponse, status: number, text: string) =>
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${text}</body></html>`);

  const newAuthority = () => {
    // "A" and 35 letters or digits, like A00000000000000000000000000217885159.
    const tail = randomBytes(24)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 10);
    return `A${'0'.repeat(35 - tail.length)}${tail}`;
  };

  /** The merchant of a call: -9 when missing or not a UUID, -10 unknown, -11 inactive. */
  const merchantOf = (body: Record<string, unknown>) => {
    const id = body.merchant_id;
    if (typeof id !== 'string' || !UUID.test(id)) {
      throw new Refusal(-9, [{ merchant_id: 'The merchant id field is required.' }]);
    }
    const active = merchants.get(id);
    if (active === undefined) throw new Refusal(-10);
    if (!active) throw new Refusal(-11);
    return id;
  };
  /** Zarinpal takes the amount as a JSON number or a string of digits (its PHP sample sends "1100"). */
  const amountOf = (value: unknown) => {
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
      throw new Refusal(-9, [{ amount: 'The amount must be an integer.' }]);
    }
    return n;
  };
  const sessionOf = (authority: string) => {
    const s = sessions.get(authority);
    if (!s) throw new Error(`fake Zarinpal: no session ${authority}`);
    return s;
  };
  const settle = (s: FakeSession, state: 'paid' | 'cancelled') => {
    if (s.state !== 'created') return;
    s.state = state;
    if (state === 'paid') s.refId = ++nextRef;
  };

  const handlers: Record<string, (body: Record<string, unknown>) => unknown> = {
    'request.json'(body) {
      fake.calls.request++;
      const merchantId = merchantOf(body);
      const amount = amountOf(body.amount);
      const currency = currencyOf(body.currency);
      const rial = currency === 'IRT' ? amount * 10 : amount;
      if (rial < MIN_RIAL) throw new Refusal(-9, [{ amount: 'The amount must be at least 1000.' }]);
      if (rial > MAX_RIAL) throw new Refusal(-41);
      const callbackUrl = typeof body.callback_url === 'string' ? body.callback_url : '';
      if (!/^https?:\/\/\S+$/.test(callbackUrl)) {
        throw new Refusal(-9, [{ callback_url: 'The callback url field is required.' }]);
      }
      const description = typeof body.description === 'string' ? body.description : '';
      if (!description || description.length > 500) {
        throw new Refusal(-9, [{ description: 'The description field is required, at most 500 characters.' }]);
      }
      const authority = newAuthority();
      sessions.set(authority, {
        authority,
        merchantId,
        amount,
        currency,
        callbackUrl,
        description,
        metadata: typeof body.metadata === 'object' && body.metadata ? (body.metadata as Record<string, unknown>) : {},
        state: 'created',
        refId: null,
        createdAt: new Date(),
      });
      const fee = Math.max(Math.round(rial * 0.005), 0);
      return { code: 100, message: 'Success', authority, fee_type: 'Merchant', fee };
    },

    'verify.json'(body) {
      fake.calls.verify++;
      const merchantId = merchantOf(body);
      if (typeof body.authority !== 'string' || !body.authority) {
        throw new Refusal(-9, [{ authority: 'The authority field is required.' }]);
      }
      const amount = amountOf(body.amount);
      const s = sessions.get(body.authority);
      if (!s) throw new Refusal(-54);
      if (s.merchantId !== merchantId) throw new Refusal(-53);
      if (s.state === 'created' || s.state === 'cancelled') throw new Refusal(-51);
      if (amount !== s.amount) throw new Refusal(-50);
      // Checked and changed without an await in between: of two verifies at once exactly one is 100.
      const first = s.state === 'paid';
      s.state = 'verified';
      return {
        code: first ? 100 : 101,
        message: first ? 'Paid' : 'Verified',
        card_hash: createHash('sha256').update(s.authority).digest('hex').toUpperCase(),
        card_pan: '502229******5995',
        ref_id: s.refId,
        fee_type: 'Merchant',
        fee: Math.round((s.currency === 'IRT' ? s.amount * 10 : s.amount) * 0.005),
      };
    },

    'unVerified.json'(body) {
      fake.calls.unverified++;
      const merchantId = merchantOf(body);
      const authorities = [...sessions.values()]
        .filter((s) => s.merchantId === merchantId && s.state === 'paid')
        .reverse()
        .slice(0, 100)
        .map((s) => ({
          authority: s.authority,
          amount: s.amount,
          callback_url: s.callbackUrl,
          referer: '',
          date: tehranTime(s.createdAt),
        }));
      // The documented sample answers this code as a string.
      return { code: '100', message: 'Success', authorities };
    },
  };

  const startPay = (authority: string, res: ServerResponse) => {
    fake.calls.startPay++;
    const s = sessions.get(authority);
    if (!s) return html(res, 404, 'Session not found');
    settle(s, fake.payerAction === 'pay' ? 'paid' : 'cancelled');
    const target = new URL(s.callbackUrl);
    target.searchParams.set('Authority', s.authority);
    target.searchParams.set('Status', s.state === 'cancelled' ? 'NOK' : 'OK');
    res.writeHead(302, { location: target.toString() }).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const record: FakeRequest = { method: req.method ?? '', path, headers: req.headers };
      fake.requests.push(record);
      if (fake.hang) return;
      const pay = /^\/pg\/StartPay\/([^/]+)(?:\/ZarinGate)?\/?$/.exec(path);
      if (pay && req.method === 'GET') return startPay(decodeURIComponent(pay[1]), res);
      const name = path.startsWith(API) ? path.slice(API.length) : '';
      const handler = handlers[name];
      if (!handler) return html(res, 404, 'Not Found');
      if (req.method !== 'POST') return html(res, 405, 'Method Not Allowed');

      const answer = () => {
        if (failures.n > 0) {
          failures.n--;
          return html(res, failures.status, 'Bad Gateway');
        }
        try {
          if (fake.forceError !== null) throw new Refusal(fake.forceError);
          const body = parseBody(req.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
          record.json = body;
          json(res, 200, { data: handler(body), errors: [] });
        } catch (err) {
          if (!(err instanceof Refusal)) return html(res, 500, 'Internal Server Error');
          const errors = { code: err.code, message: MESSAGES[err.code] ?? 'Error', validations: err.validations };
          json(res, fake.errorStatus, { data: [], errors });
        }
      };
      if (fake.delayMs > 0) setTimeout(answer, fake.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeZarinpal = {
    baseUrl: `http://127.0.0.1:${port}`,
    merchantId: '8f7c1d2e-4b3a-4c5d-9e6f-0a1b2c3d4e5f',
    addMerchant: (id, active = true) => void merchants.set(id, active),
    payerAction: 'pay',
    errorStatus: 400,
    forceError: null,
    delayMs: 0,
    hang: false,
    failNext: (n, status = 502) => void (failures = { n, status }),
    pay: (authority) => settle(sessionOf(authority), 'paid'),
    cancel: (authority) => settle(sessionOf(authority), 'cancelled'),
    sessions: () => [...sessions.values()].map((s) => ({ ...s })),
    session: (authority) => {
      const s = sessions.get(authority);
      return s && { ...s };
    },
    calls: { request: 0, verify: 0, unverified: 0, startPay: 0 },
    requests: [],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  fake.addMerchant(fake.merchantId);
  return fake;
}

/** IRR (Rial) unless the request says IRT (Toman). */
function currencyOf(value: unknown): 'IRR' | 'IRT' {
  if (value === undefined || value === 'IRR') return 'IRR';
  if (value === 'IRT') return 'IRT';
  throw new Refusal(-9, [{ currency: 'The currency is invalid.' }]);
}

/** Only JSON is Zarinpal's v4 format; anything else is a validation error. */
function parseBody(type: string | undefined, raw: string): Record<string, unknown> {
  if (!type?.startsWith('application/json')) throw new Refusal(-9, [{ body: 'The body must be JSON.' }]);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new Refusal(-9, [{ body: 'The body must be a JSON object.' }]);
}

/** "YYYY-MM-DD HH:mm:ss" in Tehran time, as unVerified.json writes dates. */
function tehranTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
