import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeZarinpal, type FakeZarinpal } from '../../../../../test/helpers/fake-zarinpal';
import {
  createZarinpalClient,
  ZarinpalError,
  type PaymentRequestInput,
  type ZarinpalClient,
  type ZarinpalErrorKind,
} from '.';

/** The client against the local fake gateway, which follows Zarinpal's documented v4 protocol. */
let fake: FakeZarinpal;
let zp: ZarinpalClient;

const CALLBACK = 'https://pishkhan.test/api/v1/billing/callback/zarinpal?paymentId=7';
const ORDER: PaymentRequestInput = { amount: 250_000, callbackUrl: CALLBACK, description: 'افزایش اعتبار پیامک' };

beforeEach(async () => {
  fake = await startFakeZarinpal();
  zp = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: fake.merchantId, timeoutMs: 2_000 });
});
afterEach(async () => {
  await fake.stop();
});

/** The ZarinpalError a promise rejects with; fails when it resolves or throws anything else. */
async function failure(promise: Promise<unknown>): Promise<ZarinpalError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZarinpalError);
  const z = err as ZarinpalError;
  expect(z.message).not.toContain(fake.merchantId);
  return z;
}

async function expectKind(promise: Promise<unknown>, kind: ZarinpalErrorKind, code: number | null) {
  const err = await failure(promise);
  expect({ kind: err.kind, code: err.code }).toEqual({ kind, code });
  return err;
}

/** The payer's browser on the StartPay page: where Zarinpal sends it back to. */
async function visit(paymentUrl: string): Promise<URL> {
  const res = await fetch(paymentUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

describe('requestPayment', () => {
  it('sends the documented request and answers the authority and the StartPay address', async () => {
    const r = await zp.requestPayment({ ...ORDER, mobile: '+98 912 123 4567', email: 'a@b.test', orderId: 'p-7' });
    expect(r.authority).toMatch(/^A[0-9A-Za-z]{35}$/);
    expect(r.paymentUrl).toBe(`${fake.baseUrl}/pg/StartPay/${r.authority}`);
    expect(r.fee).toBeGreaterThan(0);
    expect(r.feeType).toBe('Merchant');

    const sent = fake.requests.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['POST', '/pg/v4/payment/request.json']);
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.json).toEqual({
      merchant_id: fake.merchantId,
      amount: 250_000,
      currency: 'IRR',
      callback_url: CALLBACK,
      description: 'افزایش اعتبار پیامک',
      metadata: { mobile: '09121234567', email: 'a@b.test', order_id: 'p-7' },
    });
    expect(fake.session(r.authority)).toMatchObject({ amount: 250_000, currency: 'IRR', state: 'created' });
  });

  it('leaves metadata out when there is none', async () => {
    await zp.requestPayment(ORDER);
    expect(fake.requests.at(-1)!.json).not.toHaveProperty('metadata');
  });

  it('refuses amounts that are not whole Rial within the limits, before any call', async () => {
    for (const amount of [999, 0, -1_000, 1_000.5, Number.NaN, Infinity, 1_000_000_001, '5000' as unknown as number]) {
      await expectKind(zp.requestPayment({ ...ORDER, amount }), 'invalid_request', null);
      await expectKind(zp.verifyPayment({ amount, authority: 'A'.padEnd(36, '0') }), 'invalid_request', null);
    }
    expect(fake.calls).toMatchObject({ request: 0, verify: 0 });
    await expect(zp.requestPayment({ ...ORDER, amount: 1_000 })).resolves.toHaveProperty('authority');
    await expect(zp.requestPayment({ ...ORDER, amount: 1_000_000_000 })).resolves.toHaveProperty('authority');
  });

  it('sends Toman with currency IRT, within the Toman limits, and verifies in Toman', async () => {
    for (const amount of [99, 100_000_001]) {
      await expectKind(zp.requestPayment({ ...ORDER, amount, currency: 'IRT' }), 'invalid_request', null);
      await expectKind(
        zp.verifyPayment({ amount, authority: 'A'.padEnd(36, '0'), currency: 'IRT' }),
        'invalid_request',
        null,
      );
    }
    await expectKind(zp.requestPayment({ ...ORDER, currency: 'USD' as never }), 'invalid_request', null);
    expect(fake.calls).toMatchObject({ request: 0, verify: 0 });
    const r = await zp.requestPayment({ ...ORDER, amount: 100, currency: 'IRT' });
    expect(fake.requests.at(-1)!.json).toMatchObject({ amount: 100, currency: 'IRT' });
    expect(fake.session(r.authority)).toMatchObject({ amount: 100, currency: 'IRT' });
    fake.pay(r.authority);
    const v = await zp.verifyPayment({ amount: 100, authority: r.authority, currency: 'IRT' });
    expect(v.status).toBe('paid');
    expect(fake.requests.at(-1)!.json).not.toHaveProperty('currency');
  });

  it('refuses a bad callback, description, mobile or e-mail before any call', async () => {
    const bad: Partial<PaymentRequestInput>[] = [
      { callbackUrl: 'javascript:alert(1)' },
      { callbackUrl: '/relative' },
      { description: '  ' },
      { description: 'x'.repeat(501) },
      { mobile: '12345' },
      { email: 'not-an-address' },
      { orderId: '' },
    ];
    for (const change of bad) await expectKind(zp.requestPayment({ ...ORDER, ...change }), 'invalid_request', null);
    expect(fake.calls.request).toBe(0);
  });

  it("maps Zarinpal's validation answer (-9) with the fields it names", async () => {
    const client = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: 'not-a-uuid' });
    const err = await expectKind(client.requestPayment(ORDER), 'invalid_request', -9);
    expect(err.httpStatus).toBe(400);
    expect(err.validations).toEqual([{ field: 'merchant_id', message: 'The merchant id field is required.' }]);
  });
});

describe('the fake gateway', () => {
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${fake.baseUrl}/pg/v4/payment/request.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ merchant_id: fake.merchantId, callback_url: CALLBACK, description: 'd', ...body }),
    });
    return { status: res.status, body: (await res.json()) as { data: unknown; errors: { code?: number } } };
  };

  it('refuses requests as Zarinpal documents it: amount below 1000 Rial, no callback, above the maximum', async () => {
    expect(await post({ amount: 999 })).toEqual({
      status: 400,
      body: { data: [], errors: expect.objectContaining({ code: -9, validations: [{ amount: expect.any(String) }] }) },
    });
    expect((await post({ amount: 99, currency: 'IRT' })).body.errors.code).toBe(-9);
    expect((await post({ amount: 5_000, callback_url: undefined })).body.errors.code).toBe(-9);
    expect((await post({ amount: 1_000_000_001 })).body.errors.code).toBe(-41);
    expect((await post({ amount: '1100' })).body.data).toMatchObject({ code: 100 });
  });
});

describe('a payment from request to verify', () => {
  it('is paid on StartPay, called back with Status=OK, verified once (100) and then 101', async () => {
    const { authority, paymentUrl } = await zp.requestPayment(ORDER);
    const back = await visit(paymentUrl);
    expect(`${back.origin}${back.pathname}`).toBe('https://pishkhan.test/api/v1/billing/callback/zarinpal');
    expect(Object.fromEntries(back.searchParams)).toEqual({ paymentId: '7', Authority: authority, Status: 'OK' });
    expect(zp.paymentUrl(authority)).toBe(paymentUrl);

    const first = await zp.verifyPayment({ amount: ORDER.amount, authority });
    expect(first).toEqual({
      status: 'paid',
      refId: expect.stringMatching(/^\d+$/),
      cardPan: '502229******5995',
      cardHash: expect.stringMatching(/^[0-9A-F]{64}$/),
      fee: expect.any(Number),
    });
    expect(fake.requests.at(-1)!.json).toEqual({ merchant_id: fake.merchantId, amount: 250_000, authority });
    expect(fake.session(authority)!.state).toBe('verified');

    const again = await zp.verifyPayment({ amount: ORDER.amount, authority });
    expect(again).toEqual({ ...first, status: 'already_verified' });
  });

  it('is cancelled on StartPay: Status=NOK, and verify answers -51 (not paid)', async () => {
    fake.payerAction = 'cancel';
    const { authority, paymentUrl } = await zp.requestPayment(ORDER);
    expect((await visit(paymentUrl)).searchParams.get('Status')).toBe('NOK');
    expect(fake.session(authority)!.state).toBe('cancelled');
    await expectKind(zp.verifyPayment({ amount: ORDER.amount, authority }), 'not_paid', -51);
  });

  it('is not paid before the payer finished: -51', async () => {
    const { authority } = await zp.requestPayment(ORDER);
    const err = await expectKind(zp.verifyPayment({ amount: ORDER.amount, authority }), 'not_paid', -51);
    expect(err.retryable).toBe(false);
  });

  it('answers -50 for another amount than requested, and still verifies with the right one', async () => {
    const { authority } = await zp.requestPayment(ORDER);
    fake.pay(authority);
    await expectKind(zp.verifyPayment({ amount: ORDER.amount + 10, authority }), 'amount_mismatch', -50);
    expect(fake.session(authority)!.state).toBe('paid');
    await expect(zp.verifyPayment({ amount: ORDER.amount, authority })).resolves.toMatchObject({ status: 'paid' });
  });

  it('answers -54 for an unknown authority and -53 for another merchant’s', async () => {
    await expectKind(zp.verifyPayment({ amount: 5_000, authority: 'A'.padEnd(36, '9') }), 'unknown_authority', -54);

    const other = '11111111-2222-4333-8444-555555555555';
    fake.addMerchant(other);
    const theirs = await createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: other }).requestPayment(ORDER);
    fake.pay(theirs.authority);
    await expectKind(zp.verifyPayment({ amount: ORDER.amount, authority: theirs.authority }), 'unknown_authority', -53);
  });

  it('refuses a malformed authority (from a forged callback) without calling', async () => {
    for (const authority of ['', 'A/../../x', 'A0000 1', `A${'0'.repeat(70)}`]) {
      await expectKind(zp.verifyPayment({ amount: 5_000, authority }), 'unknown_authority', null);
    }
    expect(fake.calls.verify).toBe(0);
  });

  it('verifies one paid payment exactly once when two verifies arrive at the same time', async () => {
    const { authority } = await zp.requestPayment(ORDER);
    fake.pay(authority);
    fake.delayMs = 50;
    const both = await Promise.all([1, 2].map(() => zp.verifyPayment({ amount: ORDER.amount, authority })));
    expect(both.map((v) => v.status).sort()).toEqual(['already_verified', 'paid']);
    expect(both[0].refId).toBe(both[1].refId);
    expect(fake.calls.verify).toBe(2);
  });
});

describe('unverified', () => {
  it('lists paid payments nobody verified, and nothing else', async () => {
    const paid = await zp.requestPayment(ORDER);
    const verified = await zp.requestPayment({ ...ORDER, amount: 20_000 });
    const cancelled = await zp.requestPayment(ORDER);
    await zp.requestPayment(ORDER); // still open
    fake.pay(paid.authority);
    fake.pay(verified.authority);
    fake.cancel(cancelled.authority);
    await zp.verifyPayment({ amount: 20_000, authority: verified.authority });

    const list = await zp.unverified();
    expect(list).toEqual([
      {
        authority: paid.authority,
        amount: ORDER.amount,
        callbackUrl: CALLBACK,
        date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
    ]);
    expect(fake.requests.at(-1)!.json).toEqual({ merchant_id: fake.merchantId });

    await zp.verifyPayment({ amount: ORDER.amount, authority: paid.authority });
    expect(await zp.unverified()).toEqual([]);
  });
});

describe('merchant and gateway failures', () => {
  it('answers -10 for an unknown merchant and -11 for an inactive one, never naming the merchant id', async () => {
    const unknown = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const err = await expectKind(
      createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: unknown }).requestPayment(ORDER),
      'merchant',
      -10,
    );
    expect(err.message).not.toContain(unknown);

    const inactive = 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    fake.addMerchant(inactive, false);
    const client = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: inactive });
    await expectKind(client.verifyPayment({ amount: 5_000, authority: 'A'.padEnd(36, '1') }), 'merchant', -11);
    await expectKind(client.unverified(), 'merchant', -11);
  });

  it('reads error answers sent with HTTP 200 as well', async () => {
    fake.errorStatus = 200;
    const { authority } = await zp.requestPayment(ORDER);
    const err = await expectKind(zp.verifyPayment({ amount: ORDER.amount, authority }), 'not_paid', -51);
    expect(err.httpStatus).toBe(200);
  });

  it('is rate_limited on -12 and unexpected on -52, both with the vendor code', async () => {
    fake.forceError = -12;
    const limited = await expectKind(zp.requestPayment(ORDER), 'rate_limited', -12);
    expect(limited.retryable).toBe(true);
    fake.forceError = -52;
    await expectKind(zp.unverified(), 'unexpected', -52);
  });

  it('is unavailable on a 5xx page, and answers again when the gateway is back', async () => {
    fake.failNext(1, 502);
    const err = await expectKind(zp.requestPayment(ORDER), 'unavailable', null);
    expect([err.httpStatus, err.retryable]).toEqual([502, true]);
    await expect(zp.requestPayment(ORDER)).resolves.toHaveProperty('authority');
  });

  it('is unavailable after timeoutMs when the gateway never answers', async () => {
    fake.hang = true;
    const quick = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: fake.merchantId, timeoutMs: 200 });
    const started = Date.now();
    const err = await expectKind(
      quick.verifyPayment({ amount: 5_000, authority: 'A'.padEnd(36, '2') }),
      'unavailable',
      null,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(err.message).toMatch(/no answer within 200 ms/);
  });

  it('is unavailable when nothing listens', async () => {
    await fake.stop();
    const err = await expectKind(zp.unverified(), 'unavailable', null);
    expect(err.message).not.toContain(fake.baseUrl);
    fake = await startFakeZarinpal(); // for afterEach
  });
});

describe('answers that are not what Zarinpal documents', () => {
  const answering = (status: number, body: string) =>
    createZarinpalClient({
      merchantId: 'a1b2c3d4-0000-4000-8000-000000000001',
      fetch: async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    });

  it('is unexpected for a page that is not Zarinpal’s or a success without an authority', async () => {
    await expectKind(answering(200, '<html>captive portal</html>').requestPayment(ORDER), 'unexpected', null);
    await expectKind(answering(403, '<html>Forbidden</html>').requestPayment(ORDER), 'unexpected', null);
    const noAuthority = JSON.stringify({ data: { code: 100, message: 'Success' }, errors: [] });
    await expectKind(answering(200, noAuthority).requestPayment(ORDER), 'unexpected', null);
    const otherCode = JSON.stringify({ data: { code: 102, message: 'Hmm' }, errors: [] });
    await expectKind(answering(200, otherCode).verifyPayment({ amount: 5_000, authority: 'A1' }), 'unexpected', null);
  });

  it('is rate_limited on a bare HTTP 429', async () => {
    await expectKind(answering(429, 'slow down').unverified(), 'rate_limited', null);
  });

  it('keeps a ref_id longer than a safe number exact, and accepts one sent as a string', async () => {
    const big =
      '{"data":{"code":100,"message":"Paid","ref_id":123456789012345678901,"card_pan":"","fee":0},"errors":[]}';
    const verified = await answering(200, big).verifyPayment({ amount: 5_000, authority: 'A1' });
    expect(verified).toMatchObject({ refId: '123456789012345678901', cardPan: null, fee: 0 });
    const text = JSON.stringify({ data: { code: '101', ref_id: '42' }, errors: [] });
    const again = await answering(200, text).verifyPayment({ amount: 5_000, authority: 'A1' });
    expect(again).toMatchObject({ status: 'already_verified', refId: '42' });
  });

  it('removes the merchant id from a message that quotes it', async () => {
    const merchantId = 'a1b2c3d4-0000-4000-8000-000000000001';
    const body = JSON.stringify({ data: [], errors: { code: -10, message: `Terminal ${merchantId} is not valid` } });
    const err = await failure(answering(400, body).requestPayment(ORDER));
    expect(err.message).toBe('Zarinpal request: -10 Terminal *** is not valid');
  });

  it('refuses a configuration without a merchant id or with a base address that is not http(s)', () => {
    expect(() => createZarinpalClient({ merchantId: ' ' })).toThrow(/merchant id is missing/);
    expect(() => createZarinpalClient({ merchantId: 'x', baseUrl: 'ftp://zarinpal.test' })).toThrow(/http/);
    expect(() => createZarinpalClient({ merchantId: 'x', baseUrl: 'nonsense' })).toThrow(/not a URL/);
    expect(createZarinpalClient({ merchantId: 'x' }).paymentUrl('A1')).toBe(
      'https://payment.zarinpal.com/pg/StartPay/A1',
    );
  });
});
