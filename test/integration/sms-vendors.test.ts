import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSmsClient,
  smsBaseUrlFromEnv,
  SmsStatusError,
  type SmsAccount,
  type SmsClientOptions,
  type SmsSendResult,
} from '../../src/server/modules/notifications/sms';
import { startFakeVendor, type FakeVendor, type ReceivedRequest, type VendorKind } from '../helpers/sms-vendors';

/** G3: each vendor client against a local server speaking that vendor's documented API. */
const TEXT = 'کد ورود شما: 123456';
const TO = '09121234567';
const FAST: SmsClientOptions = { retryDelayMs: 1, timeoutMs: 2000 };

const WRONG_KEY = 'wrong-key-0123';
const WRONG_PASSWORD = 'wrong-password-0123';

/** Melipayamak signs in with a username and password, the others with an API key. */
const account = (v: FakeVendor): SmsAccount =>
  v.kind === 'melipayamak'
    ? { provider: v.kind, sender: v.sender, username: v.username, password: v.password, baseUrl: v.baseUrl }
    : { provider: v.kind, sender: v.sender, apiKey: v.apiKey, baseUrl: v.baseUrl };
const wrongCredentials = (v: FakeVendor): SmsAccount =>
  v.kind === 'melipayamak' ? { ...account(v), password: WRONG_PASSWORD } : { ...account(v), apiKey: WRONG_KEY };

const form = /^application\/x-www-form-urlencoded/;
const json = /^application\/json/;

/** The request each vendor documents for one message, and its codes for delivered and failed. */
const cases: Record<
  VendorKind,
  { checkSend(r: ReceivedRequest, v: FakeVendor): void; delivered: number; failed: number }
> = {
  kavenegar: {
    checkSend(r, v) {
      expect([r.method, r.path, r.headers['content-type']]).toEqual([
        'POST',
        `/v1/${v.apiKey}/sms/send.json`,
        expect.stringMatching(form),
      ]);
      expect(r.form).toEqual({ receptor: TO, message: TEXT, sender: v.sender });
    },
    delivered: 10,
    failed: 11,
  },
  smsir: {
    checkSend(r, v) {
      expect([r.method, r.path, r.headers['content-type']]).toEqual([
        'POST',
        '/v1/send/bulk',
        expect.stringMatching(json),
      ]);
      expect(r.headers['x-api-key']).toBe(v.apiKey);
      expect(r.json).toEqual({
        lineNumber: Number(v.sender),
        messageText: TEXT,
        mobiles: ['9121234567'],
        sendDateTime: null,
      });
    },
    delivered: 1,
    failed: 2,
  },
  melipayamak: {
    checkSend(r, v) {
      expect([r.method, r.path, r.headers['content-type']]).toEqual([
        'POST',
        '/api/SendSMS/SendSMS',
        expect.stringMatching(form),
      ]);
      const { username, password, sender: from } = v;
      expect(r.form).toEqual({ username, password, to: TO, from, text: TEXT, isflash: 'false' });
    },
    delivered: 1,
    failed: 2,
  },
  ghasedak: {
    checkSend(r, v) {
      const path = '/rest/api/v1/WebService/SendSingleSMS';
      expect([r.method, r.path, r.headers['content-type']]).toEqual(['POST', path, expect.stringMatching(json)]);
      expect(r.headers.apikey).toBe(v.apiKey);
      expect(r.json).toEqual({
        lineNumber: v.sender,
        receptor: TO,
        message: TEXT,
        clientReferenceId: null,
        udh: false,
      });
    },
    delivered: 14,
    failed: 13,
  },
};

function expectRefused(result: SmsSendResult, code: string, retryable: boolean) {
  expect(result).toMatchObject({ ok: false, code, retryable });
}

describe.each(Object.keys(cases) as VendorKind[])('%s client', (kind) => {
  const c = cases[kind];
  let v: FakeVendor;
  beforeEach(async () => {
    v = await startFakeVendor(kind);
  });
  afterEach(() => v.close());

  /** Every message and error a client produces hides the real and the wrong secrets, and any URL. */
  function keep<T extends SmsSendResult>(r: T, used: SmsAccount = account(v)): T {
    if (!r.ok) expectNoSecrets(r.message, used);
    return r;
  }
  function expectNoSecrets(text: string, used: SmsAccount) {
    const secrets = [used.apiKey, used.password, WRONG_KEY, WRONG_PASSWORD];
    for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/https?:\/\//);
  }

  it('sends in the vendor’s documented shape and returns its message id', async () => {
    const result = await createSmsClient(account(v), FAST).send(TO, TEXT);
    expect(result).toEqual({ ok: true, providerRef: expect.stringMatching(/^\d+$/) });
    expect(v.requests).toHaveLength(1);
    c.checkSend(v.requests[0], v);
  });

  it('maps an unknown key to invalid_key and does not retry it', async () => {
    const result = keep(await createSmsClient(wrongCredentials(v), FAST).send(TO, TEXT), wrongCredentials(v));
    expectRefused(result, 'invalid_key', false);
    expect(v.requests).toHaveLength(1);
  });

  it('maps the vendor’s out-of-credit answer to no_vendor_credit', async () => {
    v.outOfCredit = true;
    const result = keep(await createSmsClient(account(v), FAST).send(TO, TEXT));
    expectRefused(result, 'no_vendor_credit', false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    expect(v.requests).toHaveLength(1);
  });

  it('refuses a number that is not a mobile without asking the vendor', async () => {
    const client = createSmsClient(account(v), FAST);
    for (const bad of ['12345', '02112345678', '+1 415 555 0100', ''])
      expectRefused(keep(await client.send(bad, TEXT)), 'invalid_number', false);
    expect(v.requests).toHaveLength(0);
  });

  it('maps the vendor’s refusal of a receiver to invalid_number', async () => {
    v.refusedNumbers.add('09990000000');
    const result = keep(await createSmsClient(account(v), FAST).send('+98 999 000 0000', TEXT));
    expectRefused(result, 'invalid_number', false);
    expect(v.requests).toHaveLength(1);
  });

  it('retries a 5xx and succeeds on the second try', async () => {
    v.failNext(1, 502);
    const result = await createSmsClient(account(v), FAST).send(TO, TEXT);
    expect(result.ok).toBe(true);
    expect(v.requests).toHaveLength(2);
    c.checkSend(v.requests[1], v);
  });

  it('gives up after the retries with a retryable unavailable', async () => {
    v.failNext(5, 503);
    const result = keep(await createSmsClient(account(v), { ...FAST, retries: 2 }).send(TO, TEXT));
    expectRefused(result, 'unavailable', true);
    expect(v.requests).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    v.failNext(1, 404);
    const result = keep(await createSmsClient(account(v), FAST).send(TO, TEXT));
    expectRefused(result, 'unavailable', false);
    expect(v.requests).toHaveLength(1);
  });

  it('times out on a vendor that never answers, retries, then reports a retryable timeout', async () => {
    v.hang = true;
    const result = keep(
      await createSmsClient(account(v), { retryDelayMs: 1, timeoutMs: 150, retries: 1 }).send(TO, TEXT),
    );
    expectRefused(result, 'timeout', true);
    expect(v.requests).toHaveLength(2);
  });

  it('reports a vendor it cannot reach as unavailable', async () => {
    const gone = account(v);
    await v.close();
    const result = keep(await createSmsClient(gone, { ...FAST, retries: 1 }).send(TO, TEXT), gone);
    expectRefused(result, 'unavailable', true);
    v = await startFakeVendor(kind); // for afterEach
  });

  it('maps delivery reports to delivered, failed and pending; unknown ids are left out', async () => {
    const client = createSmsClient(account(v), FAST);
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.send(TO, `${TEXT} ${i}`);
      if (!r.ok || !r.providerRef) throw new Error('send failed');
      refs.push(r.providerRef);
    }
    v.setDelivery(refs[0], c.delivered);
    v.setDelivery(refs[1], c.failed);
    const states = await client.status([...refs, '999']);
    expect(Object.fromEntries(states)).toEqual({ [refs[0]]: 'delivered', [refs[1]]: 'failed', [refs[2]]: 'pending' });
  });

  it('throws a status error without secrets when the vendor cannot be asked', async () => {
    const client = createSmsClient(account(v), { retryDelayMs: 1, timeoutMs: 150, retries: 0 });
    const r = await client.send(TO, TEXT);
    if (!r.ok || !r.providerRef) throw new Error('send failed');
    v.hang = true;
    const err = await client.status([r.providerRef]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsStatusError);
    expect(err).toMatchObject({ code: 'timeout' });
    expectNoSecrets(String((err as Error).stack), account(v));
  });

  it('keeps the wrong secrets out of a refused status question too', async () => {
    const wrong = wrongCredentials(v);
    const err = await createSmsClient(wrong, FAST)
      .status(['70000001'])
      .catch((e: unknown) => e);
    // Kavenegar, SMS.ir, Ghasedak and Melipayamak all refuse the question itself for a wrong key.
    expect(err).toMatchObject({ code: 'invalid_key' });
    expectNoSecrets(String((err as Error).stack), wrong);
  });
});

describe('log client', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pishkhan-sms-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends one JSON line per message to its own 0600 file', async () => {
    const logFile = join(dir, 'outbox', 'sms.log');
    const client = createSmsClient({ provider: 'log', sender: '' }, { logFile });
    expect(await client.send('+98 912 123 4567', 'first')).toEqual({ ok: true, providerRef: null });
    expect(await client.send(TO, 'دوم')).toEqual({ ok: true, providerRef: null });
    const lines = (await readFile(logFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { at: expect.any(String), to: TO, text: 'first' },
      { at: expect.any(String), to: TO, text: 'دوم' },
    ]);
    expect((await stat(logFile)).mode & 0o777).toBe(0o600);
    expect((await client.status(['x'])).size).toBe(0);
    expectRefused(await client.send('123', 'x'), 'invalid_number', false);
  });

  it('narrows an existing wider file to 0600', async () => {
    const logFile = join(dir, 'sms.log');
    await writeFile(logFile, '', { mode: 0o644 });
    await createSmsClient({ provider: 'log', sender: '' }, { logFile }).send(TO, 'x');
    expect((await stat(logFile)).mode & 0o777).toBe(0o600);
  });
});

describe('configuration', () => {
  it('reads each vendor’s address from SMS_<VENDOR>_URL', () => {
    const env = {
      SMS_KAVENEGAR_URL: 'http://k.test/v1',
      SMS_SMSIR_URL: ' http://s.test/v1 ',
      SMS_MELIPAYAMAK_URL: '',
      SMS_GHASEDAK_URL: 'http://g.test/ws',
    };
    expect(smsBaseUrlFromEnv('kavenegar', env)).toBe('http://k.test/v1');
    expect(smsBaseUrlFromEnv('smsir', env)).toBe('http://s.test/v1');
    expect(smsBaseUrlFromEnv('melipayamak', env)).toBeUndefined();
    expect(smsBaseUrlFromEnv('ghasedak', env)).toBe('http://g.test/ws');
    expect(smsBaseUrlFromEnv('log', env)).toBeUndefined();
  });

  it('does not call a vendor without credentials', async () => {
    let called = false;
    const client = createSmsClient(
      { provider: 'smsir', sender: '3000', apiKey: null },
      { fetch: async () => ((called = true), new Response('{}')) },
    );
    expectRefused(await client.send(TO, 'x'), 'invalid_key', false);
    expect(called).toBe(false);
  });

  it('goes to the vendor’s own address by default', async () => {
    const urls: string[] = [];
    const fetchSpy: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ return: { status: 200, message: 'ok' }, entries: [{ messageid: 1 }] }));
    };
    await createSmsClient({ provider: 'kavenegar', sender: '', apiKey: 'k-1' }, { fetch: fetchSpy }).send(TO, 'x');
    expect(urls).toEqual(['https://api.kavenegar.com/v1/k-1/sms/send.json']);
  });
});
