import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { SIGN_IN_ADDRESS_LIMIT } from '../../src/server/platform/rate-limit';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  unique,
  type TestApp,
} from '../helpers/test-app';

// Issue 12, point 1: password guessing is counted per account (however its login is written)
// and per address, atomically; known and unknown accounts answer alike; a wrong password costs
// its address a growing wait for that account, never a lock a stranger can set.

let t: TestApp;
let slug: string;
let admin: Client;
let n = 0;

/** A fresh documentation address (TEST-NET-2), so that each test starts with clean counters. */
const address = () => `198.51.100.${++n}`;
const from = (ip: string) => ({ remoteAddress: ip });
const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode);
const tally = (rs: LightMyRequestResponse[]) =>
  rs.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
/** What a caller sees of an answer: status, body and Retry-After. */
const seen = (r: LightMyRequestResponse) => ({
  status: r.statusCode,
  body: r.json() as unknown,
  retryAfter: r.headers['retry-after'],
});

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

describe('password guessing', () => {
  it('stops 50 parallel guesses at the same count as 50 serial ones, and the right password then waits', async () => {
    const anon = new Client(t, { slug, lang: 'en' });
    const guess = (login: string, ip: string, password = 'wrong-password') =>
      anon.post('auth/login', { login, password }, from(ip));

    const parallelVictim = await makeUser(t, admin, slug, { role: 'agent' });
    const attacker = address();
    const parallel = await Promise.all(Array.from({ length: 50 }, () => guess(parallelVictim.username, attacker)));
    // Only five passwords were checked (401, after scrypt); the rest were refused before (429).
    expect(tally(parallel)).toEqual({ 401: 5, 429: 45 });
    const right = await guess(parallelVictim.username, attacker, 'user-password-1');
    expect(right.statusCode).toBe(429);
    expect(right.cookies.find((c) => c.name === 'pk_session')).toBeUndefined();

    const serialVictim = await makeUser(t, admin, slug, { role: 'agent' });
    const other = address();
    const serial: LightMyRequestResponse[] = [];
    for (let i = 0; i < 50; i++) serial.push(await guess(serialVictim.username, other));
    expect(tally(serial)).toEqual(tally(parallel));
    expect(statuses(serial.slice(0, 5))).toEqual([401, 401, 401, 401, 401]);
    expect((await guess(serialVictim.username, other, 'user-password-1')).statusCode).toBe(429);

    // The owner, from an address of their own, is not shut out.
    expect((await guess(parallelVictim.username, address(), 'user-password-1')).statusCode).toBe(200);
  }, 90_000);

  it('counts every spelling of a login against the one account', async () => {
    const username = unique('Ali');
    await makeUser(t, admin, slug, {
      role: 'customer',
      username,
      email: `${username}@Example.com`,
      mobile: '09125550101',
    });
    const spellings = [
      username,
      username.toUpperCase(),
      username.toLowerCase(),
      `${username.toLowerCase()}@example.com`,
      `${username.toUpperCase()}@EXAMPLE.COM`,
      '09125550101',
      '+98 912 555 0101',
      '00989125550101',
      '۰۹۱۲۵۵۵۰۱۰۱',
      '٠٩١٢٥٥٥٠١٠١',
    ];
    const anon = new Client(t, { slug });
    const ip = address();
    const answers: LightMyRequestResponse[] = [];
    for (const login of spellings)
      answers.push(await anon.post('auth/login', { login, password: 'nope-nope' }, from(ip)));
    expect(statuses(answers)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    // Not even the right password, in yet another spelling, gets a try now.
    expect(
      (await anon.post('auth/login', { login: '+989125550101', password: 'user-password-1' }, from(ip))).statusCode,
    ).toBe(429);
  });

  it('answers a known and an unknown account alike: statuses, bodies, Retry-After and time', async () => {
    const known = await makeUser(t, admin, slug, { role: 'admin' });
    const ghost = unique('ghost');
    const anon = new Client(t, { slug, lang: 'en' });
    const tries = async (login: string) => {
      const ip = address();
      const out: LightMyRequestResponse[] = [];
      for (let i = 0; i < 10; i++)
        out.push(await anon.post('auth/login', { login, password: 'wrong-password' }, from(ip)));
      return out;
    };
    const k = await tries(known.username);
    const u = await tries(ghost);
    expect(statuses(k)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(k.map(seen)).toEqual(u.map(seen));
    expect(k[5].json().error).toEqual({
      code: 'rate_limited',
      message: 'Too many failed sign-in attempts. Try again in 1 second(s).',
    });
    expect(k[5].headers['retry-after']).toBe('1');

    // Each wrong password costs the same time: an unknown account still runs one scrypt.
    const timeOf = async (login: string) => {
      const started = performance.now();
      const r = await anon.post('auth/login', { login, password: 'wrong-password' }, from(address()));
      expect(r.statusCode).toBe(401);
      return performance.now() - started;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 11; i++) {
      knownMs.push(await timeOf(known.username));
      unknownMs.push(await timeOf(`${ghost}${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [mk, mu] = [median(knownMs), median(unknownMs)];
    expect(Math.abs(mk - mu) / Math.max(mk, mu), `known ${mk} ms, unknown ${mu} ms`).toBeLessThan(0.5);
  }, 90_000);

  it('makes the address wait 1 s, 2 s, 4 s … up to 15 minutes, while the owner signs in from elsewhere', async () => {
    const victim = await makeUser(t, admin, slug, { role: 'admin' });
    const attacker = address();
    const fa = new Client(t, { slug });
    const en = new Client(t, { slug, lang: 'en' });
    const wrong = () => en.post('auth/login', { login: victim.username, password: 'wrong-password' }, from(attacker));
    for (let i = 0; i < 5; i++) expect((await wrong()).statusCode).toBe(401);

    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      const refused = await wrong();
      expect(refused.statusCode).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      // (Only at first: every try counts against the address's cap of failed tries as well.)
      if (i < 2) {
        t.clock.advance(wait * 1000 - 1);
        expect((await wrong()).statusCode, 'one millisecond early').toBe(429);
        t.clock.advance(1);
      } else t.clock.advance(wait * 1000);
      expect((await wrong()).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    const capped = await fa.post('auth/login', { login: victim.username, password: 'user-password-1' }, from(attacker));
    expect(capped.statusCode).toBe(429);
    expect(capped.headers['retry-after']).toBe('900');
    expect(capped.json().error.message).toBe(
      'تلاش‌های ناموفق برای ورود بیش از حد است. ۹۰۰ ثانیهٔ دیگر دوباره تلاش کنید.',
    );

    // The account is not locked: its owner signs in from another address meanwhile…
    const owner = address();
    expect(
      (await fa.post('auth/login', { login: victim.username, password: 'user-password-1' }, from(owner))).statusCode,
    ).toBe(200);
    // …which does not let the attacker's address off its wait.
    expect((await wrong()).statusCode).toBe(429);
    // Once the wait is over, the right password signs in and forgets the failures.
    t.clock.advance(900_000);
    expect(
      (await en.post('auth/login', { login: victim.username, password: 'user-password-1' }, from(attacker))).statusCode,
    ).toBe(200);
    for (let i = 0; i < 5; i++) expect((await wrong()).statusCode).toBe(401);
  }, 90_000);

  it('caps failed tries from one address over all accounts, and a success gives its try back', async () => {
    const ip = address();
    const anon = new Client(t, { slug });
    const user = await makeUser(t, admin, slug, { role: 'customer' });
    t.clock.advance(SIGN_IN_ADDRESS_LIMIT.windowSeconds * 1000); // a fresh window for the count
    for (let i = 0; i < 3; i++)
      expect(
        (await anon.post('auth/login', { login: user.username, password: 'user-password-1' }, from(ip))).statusCode,
      ).toBe(200);
    const ghost = unique('spray');
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT.limit; i++)
      expect((await anon.post('auth/login', { login: `${ghost}${i}`, password: 'x' }, from(ip))).statusCode).toBe(401);
    const refused = await anon.post('auth/login', { login: user.username, password: 'user-password-1' }, from(ip));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await anon.post('auth/login', { login: user.username, password: 'user-password-1' }, from(address())))
        .statusCode,
    ).toBe(200);
  }, 90_000);
});
