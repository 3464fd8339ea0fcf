import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLink, newMobile, newSlug, signUp, visitor } from '../helpers/cloud-signup';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { systemCtx } from '../../src/server/modules/mail';
import { siteOf } from '../../src/server/modules/workspaces';

/**
 * Cloud sign-up (issue 19, I1) with CLOUD_DOMAIN — workspaces at `<slug>.helpdesk.test`, the
 * session handed over to the workspace's own host — and a self-hosted install without sign-up.
 */
const PUBLIC_URL = 'http://pishkhan.test';
const DOMAIN = 'helpdesk.test';
const CLOUD = { CLOUD: 'true', ZARINPAL_MERCHANT_ID: 'test', PUBLIC_URL };
let t: TestApp;
let td: TestApp;

beforeAll(async () => {
  [t, td] = await Promise.all([
    createTestApp('postgres', CLOUD),
    createTestApp('postgres', { ...CLOUD, CLOUD_DOMAIN: DOMAIN }),
  ]);
});
afterAll(async () => {
  await t?.close();
  await td?.close();
});

describe('workspaces under CLOUD_DOMAIN', () => {
  it('reaches a workspace by x-workspace and by <slug>.<CLOUD_DOMAIN>; the bare platform has none', async () => {
    const { body, slug, mobile } = await signUp(td, { organisation: 'Domain Org' });
    expect(body.workspace.url).toBe(`http://${slug}.${DOMAIN}`);
    expect(await adminLink(td, body.workspace.id, mobile)).toContain(
      `http://${slug}.${DOMAIN}/login?tab=otp&mobile=${mobile}`,
    );
    const v = visitor(td);
    const byHeader = await v.get('public/settings', { 'x-workspace': slug });
    expect(byHeader.statusCode).toBe(200);
    expect(byHeader.json().title).toBe('Domain Org');
    const byHost = await v.get('public/settings', { host: `${slug}.${DOMAIN}` });
    expect(byHost.statusCode).toBe(200);
    expect(byHost.json().title).toBe('Domain Org');
    // The apex (and PUBLIC_URL's host) is the platform: no workspace routes there.
    expect((await v.get('public/settings', { host: DOMAIN })).statusCode).toBe(404);
    expect((await visitor(t).get('public/settings', { host: 'pishkhan.test' })).statusCode).toBe(404);
    expect((await v.get('public/settings', { host: `nobody-here.${DOMAIN}` })).statusCode).toBe(404);
    // The platform's own routes answer there, and say whether a workspace answers at the address.
    expect((await v.get('public/platform', { host: DOMAIN })).json().workspace).toBe(false);
    expect((await v.get('public/platform', { host: `${slug}.${DOMAIN}` })).json().workspace).toBe(true);
    expect((await v.get('public/platform', { 'x-workspace': slug })).json().workspace).toBe(true);
  });

  it('with CLOUD_DOMAIN, the sign-up hands its session over to the workspace’s own host, once', async () => {
    const { body, slug } = await signUp(td, { organisation: 'Handoff Org' });
    const signIn = new URL(body.signInUrl);
    expect(signIn.origin).toBe(`http://${slug}.${DOMAIN}`);
    expect(signIn.pathname).toBe('/api/v1/public/signup/handoff');
    const path = signIn.pathname + signIn.search;
    const host = { host: `${slug}.${DOMAIN}` };
    // Another workspace's host does not take it.
    const other = await signUp(td, { organisation: 'Other Org' });
    const elsewhere = await td.app.inject({ method: 'GET', url: path, headers: { host: `${other.slug}.${DOMAIN}` } });
    expect(elsewhere.statusCode).toBe(303);
    expect(elsewhere.headers.location).toBe('/login');
    expect(elsewhere.cookies).toHaveLength(0);
    const res = await td.app.inject({ method: 'GET', url: path, headers: host });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = res.cookies.find((c) => c.name === 'pk_session')!;
    const me = await td.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...host, cookie: `pk_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(slug);
    // Used once; a forged token and an expired one lead to the sign-in page.
    const again = await td.app.inject({ method: 'GET', url: path, headers: host });
    expect(again.headers.location).toBe('/login');
    const forged = await td.app.inject({
      method: 'GET',
      url: `${signIn.pathname}?token=v1.abc.def.ghi`,
      headers: host,
    });
    expect(forged.headers.location).toBe('/login');
    const late = await signUp(td, { organisation: 'Late Org' });
    td.clock.advance(121_000);
    const lateUrl = new URL(late.body.signInUrl);
    const expired = await td.app.inject({
      method: 'GET',
      url: lateUrl.pathname + lateUrl.search,
      headers: { host: `${late.slug}.${DOMAIN}` },
    });
    expect(expired.headers.location).toBe('/login');
  });
});

describe('workspaces at /w/<slug> (no CLOUD_DOMAIN)', () => {
  it('answers a signed-out image or download asked for by a page under /w/<slug> (Referer), nothing else', async () => {
    const { slug } = await signUp(t, { organisation: 'Path Org' });
    const v = visitor(t);
    const site = { host: 'pishkhan.test' };
    // An <img> or a link cannot send x-workspace: the page it is on names the workspace.
    const fromPage = await v.get('public/settings', { ...site, referer: `http://pishkhan.test/w/${slug}/login` });
    expect(fromPage.statusCode).toBe(200);
    expect(fromPage.json().title).toBe('Path Org');
    // Not a page of this site, not under /w/, or not a read: the platform answers, as without it.
    for (const referer of [`http://elsewhere.test/w/${slug}/login`, 'http://pishkhan.test/login'])
      expect((await v.get('public/settings', { ...site, referer })).statusCode).toBe(404);
    const post = await v.post(
      'public/tickets',
      { name: 'x', email: 'x@example.com', subject: 'x', body: '<p>x</p>' },
      { ...site, referer: `http://pishkhan.test/w/${slug}/new` },
    );
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('not_found');
    // The header still wins over the page.
    const other = await signUp(t, { organisation: 'Header Org' });
    const both = await v.get('public/settings', {
      ...site,
      referer: `http://pishkhan.test/w/${slug}/login`,
      'x-workspace': other.slug,
    });
    expect(both.json().title).toBe('Header Org');
  });
});

describe('links in mail, SMS and push', () => {
  it('lead to the workspace’s own address: its host under CLOUD_DOMAIN, /w/<slug> without', async () => {
    const withDomain = await signUp(td, { organisation: 'Link Org' });
    const withPath = await signUp(t, { organisation: 'Path Link Org' });
    expect(await siteOf(systemCtx(td.deps, withDomain.body.workspace.id, 'test'))).toBe(
      `http://${withDomain.slug}.${DOMAIN}`,
    );
    expect(await siteOf(systemCtx(t.deps, withPath.body.workspace.id, 'test'))).toBe(
      `${PUBLIC_URL}/w/${withPath.slug}`,
    );
  });
});

describe('self-hosted', () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await createTestApp('postgres', { PUBLIC_URL });
  });
  afterAll(() => s?.close());

  it('has no sign-up, and says it is not the cloud', async () => {
    const v = visitor(s);
    const res = await v.post('public/signup', {
      mobile: newMobile(),
      slug: newSlug(),
      organisation: 'Org',
      acceptTerms: true,
    });
    expect(res.statusCode).toBe(404);
    expect((await v.post('public/signup/verify', { mobile: newMobile(), code: '123456' })).statusCode).toBe(404);
    expect((await v.get('public/platform')).json()).toEqual({ cloud: false, domain: null, workspace: true });
  });
});
