import { describe, expect, it } from 'vitest';
import { slugFromReferer } from './referer-slug';

describe('the workspace of a referring /w/<slug> page', () => {
  it('is the slug of a page of this site under /w/', () => {
    expect(slugFromReferer('http://pishkhan.test/w/acme-support/login', 'pishkhan.test')).toBe('acme-support');
    expect(slugFromReferer('https://pishkhan.test:8443/w/acme', 'PISHKHAN.test:8443')).toBe('acme');
  });

  it('is nobody for another site, another path, a bad slug or no referer', () => {
    expect(slugFromReferer('http://elsewhere.test/w/acme/login', 'pishkhan.test')).toBeNull();
    expect(slugFromReferer('http://pishkhan.test/login', 'pishkhan.test')).toBeNull();
    expect(slugFromReferer('http://pishkhan.test/w/ab/', 'pishkhan.test')).toBeNull();
    expect(slugFromReferer('http://pishkhan.test/w/acmeX/', 'pishkhan.test')).toBeNull();
    expect(slugFromReferer('not a url', 'pishkhan.test')).toBeNull();
    expect(slugFromReferer(undefined, 'pishkhan.test')).toBeNull();
  });
});
