import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TDirectory } from '../../src/contracts/directories';
import type { TUser } from '../../src/contracts/people';
import type { Slapd } from './slapd';
import { Client, type TestApp } from './test-app';

/**
 * What the directory sign-in tests (test/integration/directories*.test.ts) share: a directory
 * body pointing at a test slapd, its creation, and the account a person got here.
 */

/** A directory on the test slapd as its service account; no scheduled sync (tests sync by hand). */
export const directoryInput = (slapd: Slapd, over: Record<string, unknown> = {}) => ({
  name: 'دانشگاه نمونه',
  url: slapd.url,
  bindDn: slapd.reader.dn,
  bindPassword: slapd.reader.password,
  baseDn: slapd.baseDn,
  syncIntervalMinutes: 0,
  ...over,
});

export async function addDirectory(admin: Client, slapd: Slapd, over: Record<string, unknown> = {}) {
  const res = await admin.post('directories', directoryInput(slapd, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TDirectory;
}

/** The account with exactly this username, if any (inactive ones too). */
export async function accountOf(admin: Client, username: string): Promise<TUser | undefined> {
  const res = await admin.get(`users?q=${encodeURIComponent(username)}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as TUser[]).find((u) => u.username.toLowerCase() === username.toLowerCase());
}

let n = 0;
/** A fresh documentation address (TEST-NET-3) per use, so sign-in counters start clean. */
export const freshAddress = () => ({ remoteAddress: `203.0.113.${(++n % 250) + 1}` });

/** A sign-in as a stranger (`auth/login` with `login`, or `auth/ldap` with `username`) from a fresh address. */
export function tryLogin(
  t: TestApp,
  slug: string,
  login: string,
  password: string,
  via: 'login' | 'ldap' = 'login',
): Promise<LightMyRequestResponse> {
  const body = via === 'login' ? { login, password } : { username: login, password };
  return new Client(t, { slug, lang: 'en' }).post(`auth/${via}`, body, freshAddress());
}

/** A signed-in client from a successful sign-in answer. */
export function clientOf(t: TestApp, slug: string, res: LightMyRequestResponse): Client {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'pk_session')!.value;
  return new Client(t, { cookie, csrf: res.json().csrfToken, slug });
}

export const hasSession = (res: LightMyRequestResponse) => res.cookies.some((c) => c.name === 'pk_session');
