import type { Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { DirectoryFailure } from './ldap-connect';
import { everyone, type PeopleSearch } from './ldap-people';

const search: PeopleSearch = {
  baseDn: 'dc=example,dc=org',
  userFilter: '(uid={login})',
  attributes: { username: 'uid', name: 'cn', email: 'mail', mobile: 'mobile' },
  activeDirectory: false,
};

/** A client whose paged search yields one page, then fails with an LDAP result code. */
const failingAfterOnePage = (code: number) =>
  ({
    async *searchPaginated() {
      yield { searchEntries: [{ dn: 'uid=ali,dc=example,dc=org', uid: 'ali', cn: 'Ali' }], searchReferences: [] };
      throw Object.assign(new Error(`Code: 0x${code.toString(16)}`), { code });
    },
  }) as unknown as Client;

describe('reading everyone for a sync', () => {
  it('refuses a list the server cut at its size limit, so that nobody beyond it is deactivated', async () => {
    const pages = everyone(failingAfterOnePage(4), search);
    expect((await pages.next()).value).toHaveLength(1);
    const e = await pages.next().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DirectoryFailure);
    expect(e).toMatchObject({ stage: 'search', reason: 'size_limit' });
  });

  it('takes a sample’s own limit as the end of the list', async () => {
    const pages = everyone(failingAfterOnePage(4), search, 10);
    expect((await pages.next()).value).toHaveLength(1);
    expect((await pages.next()).done).toBe(true);
  });
});
