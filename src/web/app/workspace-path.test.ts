import { describe, expect, it } from 'vitest';
import { SLUG_FORMAT, slugOfPath, workspaceAddress } from './workspace-path';

describe('the workspace of a /w/<slug> path', () => {
  it('reads the slug before the app path', () => {
    expect(slugOfPath('/w/acme-support/admin/people')).toBe('acme-support');
    expect(slugOfPath('/w/acme')).toBe('acme');
    expect(slugOfPath('/w/acme/')).toBe('acme');
  });

  it('is null for every other path, or a slug the server would never make', () => {
    expect(slugOfPath('/')).toBeNull();
    expect(slugOfPath('/admin')).toBeNull();
    expect(slugOfPath('/w/')).toBeNull();
    expect(slugOfPath('/w/ab')).toBeNull();
    expect(slugOfPath('/w/Acme/admin')).toBeNull();
    expect(slugOfPath('/w/acme-/x')).toBeNull();
    expect(slugOfPath('/wx/acme')).toBeNull();
    expect(slugOfPath('/help/w/acme')).toBeNull();
  });
});

describe('workspace addresses', () => {
  const loc = { protocol: 'https:', port: '', origin: 'https://pishkhan.example' };

  it('is a subdomain with a cloud domain, a /w/ path without', () => {
    expect(workspaceAddress('acme', 'helpdesk.example', loc)).toBe('https://acme.helpdesk.example');
    expect(workspaceAddress('acme', 'helpdesk.example', { ...loc, protocol: 'http:', port: '3311' })).toBe(
      'http://acme.helpdesk.example:3311',
    );
    expect(workspaceAddress('acme', null, loc)).toBe('https://pishkhan.example/w/acme');
  });

  it('accepts the slugs the server accepts', () => {
    for (const ok of ['acme', 'acme-support', 'a2b3', 'abcdefghijklmnopqrstuvwxyz01234'])
      expect(ok).toMatch(SLUG_FORMAT);
    for (const bad of ['abc', 'Acme', '1acme', 'acme-', 'ac_me', 'آکمه', 'abcdefghijklmnopqrstuvwxyz012345'])
      expect(bad).not.toMatch(SLUG_FORMAT);
  });
});
