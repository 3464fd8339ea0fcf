import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Local stand-ins for the four SMS vendors (node:http on 127.0.0.1, random port). Each checks a
 * request as its vendor would (path, method, credentials, parameter names, form or JSON) and
 * answers in the vendor's documented shape, errors included — see the comment at the top of each
 * client in src/server/modules/notifications/sms/. Every request is recorded.
 */
export type VendorKind = 'kavenegar' | 'smsir' | 'melipayamak' | 'ghasedak';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  /** Parsed body: form fields for form posts, the JSON value for JSON posts. */
  form?: Record<string, string>;
  json?: Record<string, unknown>;
}

export interface FakeVendor {
  kind: VendorKind;
  /** What the client takes as `baseUrl` (the vendor's API prefix on this server). */
  baseUrl: string;
  apiKey: string;
  username: string;
  password: string;
  sender: string;
  requests: ReceivedRequest[];
  /** Numbers (09…) the vendor refuses as invalid receivers. */
  refusedNumbers: Set<string>;
  outOfCredit: boolean;
  /** Accept connections and never answer. */
  hang: boolean;
  /** The next n requests get `status` with an HTML page (a proxy in the way). */
  failNext(n: number, status?: number): void;
  /** Sets a sent message's delivery state, in the vendor's own code. */
  setDelivery(ref: string, code: number | null): void;
  close(): Promise<void>;
}

const MOBILE = /^(?:0|\+98|0098|98)?(9\d{9})$/;
const PREFIX: Record<VendorKind, string> = {
  kavenegar: '/v1',
  smsir: '/v1',
  melipayamak: '/api/SendSMS',
  ghasedak: '/rest/api/v1/WebService',
};
/** The state a fresh message is in, per vendor. */
const QUEUED: Record<VendorKind, number | null> = { kavenegar: 1, smsir: null, melipayamak: 0, ghasedak: 2 };

export async function startFakeVendor(kind: VendorKind): Promise<FakeVendor> {
  const sockets = new Set<Socket>();
  const sent = new Map<string, { to: string; text: string; code: number | null }>();
  let failures: { n: number; status: number } = { n: 0, status: 503 };
  let nextId = 70_000_000;
  const newRef = () => (kind === 'melipayamak' ? `52436906270${++nextId}` : String(++nextId));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const r: ReceivedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw,
      };
      if (type.startsWith('application/x-www-form-urlencoded')) r.form = Object.fromEntries(new URLSearchParams(raw));
      vendor.requests.push(r);
      if (type.startsWith('application/json')) {
        try {
          r.json = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return void res.writeHead(400).end();
        }
      }
      if (vendor.hang) return;
      if (failures.n > 0) {
        failures.n--;
        res.writeHead(failures.status, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
        return;
      }
      handlers[kind](r, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  const record = (to: string, text: string) => {
    const ref = newRef();
    sent.set(ref, { to, text, code: QUEUED[kind] });
    return ref;
  };
  /** Why a receiver is refused, or null when it is a good one. */
  const badNumber = (to: unknown) => {
    const m = typeof to === 'string' ? MOBILE.exec(to) : null;
    return !m || vendor.refusedNumbers.has(`0${m[1]}`);
  };

  const handlers: Record<VendorKind, (r: ReceivedRequest, res: ServerResponse) => void> = {
    kavenegar(r, res) {
      const fail = (status: number, message: string) =>
        json(res, status, { return: { status, message }, entries: null });
      const m = /^\/v1\/([^/]+)\/sms\/(send|status)\.json$/.exec(r.path);
      if (!m) return fail(404, 'متد نامشخص است');
      if (r.method !== 'POST' && r.method !== 'GET') return fail(405, 'متد Get/Post اشتباه است');
      if (decodeURIComponent(m[1]) !== vendor.apiKey) return fail(403, 'کد شناسائی API-Key معتبر نمیباشد');
      const p = r.form ?? Object.fromEntries(r.query);
      const ok = (entries: unknown[]) => json(res, 200, { return: { status: 200, message: 'تایید شد' }, entries });
      if (m[2] === 'status') {
        if (!p.messageid) return fail(406, 'پارامترهای اجباری خالی ارسال شده اند');
        return ok(
          p.messageid.split(',').map((id) => {
            const s = sent.get(id);
            return { messageid: Number(id), status: s ? s.code : 100, statustext: s ? 'وضعیت' : 'شناسه نامعتبر' };
          }),
        );
      }
      if (!p.receptor || !p.message) return fail(406, 'پارامترهای اجباری خالی ارسال شده اند');
      if (badNumber(p.receptor)) return fail(411, 'دریافت کننده نامعتبر است');
      if (p.sender && p.sender !== vendor.sender) return fail(412, 'ارسال کننده نامعتبر است');
      if (vendor.outOfCredit) return fail(418, 'اعتبار حساب شما کافی نیست');
      const ref = record(p.receptor, p.message);
      ok([
        {
          messageid: Number(ref),
          message: p.message,
          status: 1,
          statustext: 'در صف ارسال',
          sender: p.sender ?? vendor.sender,
          receptor: p.receptor,
          date: Math.floor(Date.now() / 1000),
          cost: 120,
        },
      ]);
    },

    smsir(r, res) {
      const fail = (http: number, status: number, message: string) => json(res, http, { status, message, data: null });
      if (r.headers['x-api-key'] !== vendor.apiKey) return fail(401, 10, 'کلید وب سرویس نامعتبر است');
      const report = /^\/v1\/send\/(\d+)$/.exec(r.path);
      if (report && r.method === 'GET') {
        const s = sent.get(report[1]);
        if (!s) return fail(400, 111, 'با این شناسه، ارسالی ثبت نشده است');
        const data = {
          messageId: Number(report[1]),
          mobile: Number(s.to),
          messageText: s.text,
          sendDateTime: 1628683626,
          lineNumber: Number(vendor.sender),
          cost: 1,
          deliveryState: s.code,
          deliveryDateTime: s.code === null ? null : 1628683629,
        };
        return json(res, 200, { status: 1, message: 'موفق', data });
      }
      if (r.path !== '/v1/send/bulk' || r.method !== 'POST') return res.writeHead(404).end();
      if (!r.json) return res.writeHead(415).end(); // ASP.NET: JSON only
      const { lineNumber, messageText, mobiles } = r.json;
      if (lineNumber !== Number(vendor.sender)) return fail(400, 101, 'شماره خط نامعتبر است');
      if (typeof messageText !== 'string' || !messageText) return fail(400, 103, 'درخواست دارای متن(های) خالی است');
      if (!Array.isArray(mobiles) || !mobiles.length) return fail(400, 107, 'لیست موبایلها خالی است');
      if (mobiles.some(badNumber)) return fail(400, 104, 'درخواست دارای موبایل(های) نادرست است');
      if (vendor.outOfCredit) return fail(400, 102, 'اعتبار کافی نیست');
      const ids = mobiles.map((to) => Number(record(String(to), messageText)));
      json(res, 200, { status: 1, message: 'موفق', data: { packId: randomUUID(), messageIds: ids, cost: ids.length } });
    },

    melipayamak(r, res) {
      const answer = (Value: string, RetStatus: number, StrRetStatus: string) =>
        json(res, 200, { Value, RetStatus, StrRetStatus });
      const method = /^\/api\/SendSMS\/(SendSMS|GetDeliveries2)$/.exec(r.path)?.[1];
      if (!method || r.method !== 'POST') return json(res, 404, { Message: 'No HTTP resource was found' });
      const p = r.form ?? {};
      if (p.username !== vendor.username || p.password !== vendor.password) return answer('0', 0, 'InvalidUserPass');
      if (method === 'GetDeliveries2') {
        const s = p.recId ? sent.get(p.recId) : undefined;
        return s ? answer(String(s.code), 1, 'Ok') : answer('0', 35, 'InvalidData');
      }
      if (!p.to || !p.text || badNumber(p.to)) return answer('0', 35, 'InvalidData');
      if (p.from !== vendor.sender) return answer('5', 5, 'InvalidNumber');
      if (vendor.outOfCredit) return answer('2', 2, 'NoCredit');
      answer(record(p.to, p.text), 1, 'Ok');
    },

    ghasedak(r, res) {
      const fail = (statusCode: number, message: string) =>
        json(res, statusCode, { isSuccess: false, statusCode, message, data: null });
      const ok = (data: unknown) =>
        json(res, 200, { isSuccess: true, statusCode: 200, message: 'با موفقیت انجام شد', data });
      if (r.headers.apikey !== vendor.apiKey) return fail(401, 'کاربر احراز هویت نشده است');
      if (r.path === '/rest/api/v1/WebService/CheckSmsStatus' && r.method === 'GET') {
        if (r.query.get('Type') !== '1') return fail(400, 'نوع شناسه نامعتبر است');
        const items = r.query.getAll('Ids').flatMap((id) => {
          const s = sent.get(id);
          return s
            ? [
                {
                  messageId: id,
                  clientReferenceId: null,
                  message: s.text,
                  lineNumber: vendor.sender,
                  receptor: s.to,
                  status: s.code,
                  price: 1,
                  sendDate: new Date().toISOString(),
                },
              ]
            : [];
        });
        return ok(items);
      }
      if (r.path !== '/rest/api/v1/WebService/SendSingleSMS' || r.method !== 'POST') return res.writeHead(404).end();
      if (!r.json) return res.writeHead(415).end();
      const { lineNumber, receptor, message } = r.json;
      if (typeof message !== 'string' || !message) return fail(429, 'پارامترهای ضروری ارسال نشده است');
      if (badNumber(receptor)) return fail(400, 'شماره گیرنده نامعتبر است');
      if (lineNumber !== vendor.sender) return fail(406, 'خط ارسال متعلق به شما نیست');
      if (vendor.outOfCredit) return fail(418, 'اعتبار شما کافی نیست');
      const ref = record(String(receptor), message);
      ok({ receptor, lineNumber, cost: 1, messageId: ref, message, sendDate: new Date().toISOString() });
    },
  };

  const vendor: FakeVendor = {
    kind,
    baseUrl: `http://127.0.0.1:${port}${PREFIX[kind]}`,
    apiKey: `key-${randomUUID()}`,
    username: 'panel-user',
    password: `pw-${randomUUID()}`,
    sender: kind === 'ghasedak' ? '30005088' : '30004505000017',
    requests: [],
    refusedNumbers: new Set(),
    outOfCredit: false,
    hang: false,
    failNext(n, status = 503) {
      failures = { n, status };
    },
    setDelivery(ref, code) {
      const s = sent.get(ref);
      if (!s) throw new Error(`no message ${ref}`);
      s.code = code;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return vendor;
}
