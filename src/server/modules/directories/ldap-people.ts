import { NoSuchObjectError, type Client, type Entry } from 'ldapts';
import type { DirectoryAttributeMap } from '../../../db/schema';
import { escapeFilterValue, filterForEveryone, filterForLogin, normalizeDn } from './ldap-filter';
import { DirectoryFailure, searchFailure } from './ldap-connect';

/** A person as a directory describes them, in the directory's words. */
export interface DirectoryPerson {
  dn: string;
  /** objectGUID (AD, hex) or entryUUID (OpenLDAP); the DN when the server has neither. */
  uid: string;
  username: string;
  name: string;
  email: string | null;
  mobile: string | null;
  /** AD: ACCOUNTDISABLE (0x2) set in userAccountControl. */
  disabled: boolean;
}

export interface PeopleSearch {
  baseDn: string;
  userFilter: string;
  attributes: DirectoryAttributeMap;
  activeDirectory: boolean;
}

const UAC_ACCOUNTDISABLE = 0x2;
const SIZE_LIMIT_EXCEEDED = 4;

const first = (v: Entry[string] | undefined): string => {
  const x = Array.isArray(v) ? v[0] : v;
  if (x === undefined) return '';
  return (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)).trim();
};

/** The attributes a person's search asks for. */
export const personAttributes = (s: PeopleSearch) => [
  ...new Set([s.attributes.username, s.attributes.name, s.attributes.email, s.attributes.mobile]),
  'objectGUID',
  'entryUUID',
  'userAccountControl',
  'sAMAccountName',
  'uid',
  'cn',
  'displayName',
];

/** Attribute names compared as LDAP does (case-insensitively). */
function pick(entry: Entry, name: string): Entry[string] | undefined {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
  return key ? entry[key] : undefined;
}

export function personOf(entry: Entry, s: PeopleSearch): DirectoryPerson {
  const guid = pick(entry, 'objectGUID');
  const guidBuf = Array.isArray(guid) ? guid[0] : guid;
  const uid = Buffer.isBuffer(guidBuf)
    ? `guid:${guidBuf.toString('hex')}`
    : first(pick(entry, 'entryUUID'))
      ? `uuid:${first(pick(entry, 'entryUUID')).toLowerCase()}`
      : `dn:${normalizeDn(entry.dn)}`;
  const uac = Number(first(pick(entry, 'userAccountControl')) || 0);
  const name = first(pick(entry, s.attributes.name)) || first(pick(entry, 'displayName')) || first(pick(entry, 'cn'));
  return {
    dn: entry.dn,
    uid,
    // The mapped attribute, else the usual ones (a mapping left at AD's default on OpenLDAP).
    username:
      first(pick(entry, s.attributes.username)) || first(pick(entry, 'sAMAccountName')) || first(pick(entry, 'uid')),
    name,
    email: first(pick(entry, s.attributes.email)).toLowerCase() || null,
    mobile: first(pick(entry, s.attributes.mobile)) || null,
    disabled: s.activeDirectory && (uac & UAC_ACCOUNTDISABLE) !== 0,
  };
}

/**
 * The entries the user filter finds for a login (at most two are asked for: more than one is
 * an ambiguous login, which signs nobody in).
 */
export async function findPersonByLogin(
  client: Client,
  s: PeopleSearch,
  login: string,
): Promise<DirectoryPerson | 'none' | 'ambiguous'> {
  try {
    const { searchEntries } = await client.search(s.baseDn, {
      scope: 'sub',
      filter: filterForLogin(s.userFilter, login),
      attributes: personAttributes(s),
      explicitBufferAttributes: ['objectGUID'],
      sizeLimit: 2,
    });
    if (!searchEntries.length) return 'none';
    return searchEntries.length > 1 ? 'ambiguous' : personOf(searchEntries[0], s);
  } catch (e) {
    // Two or more entries on a server that stops at the size limit: ambiguous, as above.
    if ((e as { code?: number }).code === SIZE_LIMIT_EXCEEDED) return 'ambiguous';
    throw searchFailure(e);
  }
}

/** Everyone the user filter finds, page by page (a sync or a test's samples). */
export async function* everyone(client: Client, s: PeopleSearch, limit = 0): AsyncGenerator<DirectoryPerson[]> {
  try {
    for await (const page of client.searchPaginated(s.baseDn, {
      scope: 'sub',
      filter: filterForEveryone(s.userFilter),
      attributes: personAttributes(s),
      explicitBufferAttributes: ['objectGUID'],
      sizeLimit: limit,
      paged: { pageSize: limit && limit < 500 ? limit : 500 },
    }))
      yield page.searchEntries.map((e) => personOf(e, s));
  } catch (e) {
    // A sample asks for a few only: the server's "size limit exceeded" after them is expected.
    if ((e as { code?: number }).code === SIZE_LIMIT_EXCEEDED) {
      if (limit) return;
      // The server stopped a whole-directory search at its own cap: a partial list must not
      // deactivate the rest, and the admin must raise the service account's limit.
      throw new DirectoryFailure('search', (e as Error).message, 'size_limit');
    }
    throw searchFailure(e);
  }
}

/**
 * Which of the mapped groups a person is in: each group is read by its own DN (scope base) with
 * a filter that holds only when the person is a member — directly (member, uniqueMember,
 * memberUid), or with `nested`, through AD's transitive matching rule.
 */
export async function mappedGroupsOf(
  client: Client,
  person: { dn: string; username: string },
  groupDns: string[],
  nested: boolean,
): Promise<Set<string>> {
  const dn = escapeFilterValue(person.dn);
  // Direct membership is always asked too: a server without AD's rule evaluates that part as
  // undefined, and an OR with a true part is still true (RFC 4511), so nobody is demoted there.
  const direct = `(member=${dn})(uniqueMember=${dn})(memberUid=${escapeFilterValue(person.username)})`;
  const filter = nested ? `(|${direct}(member:1.2.840.113556.1.4.1941:=${dn}))` : `(|${direct})`;
  const hits = await Promise.all(
    groupDns.map(async (g) => {
      try {
        const r = await client.search(g, { scope: 'base', filter, attributes: ['1.1'] });
        return r.searchEntries.length ? normalizeDn(g) : null;
      } catch (e) {
        // A mapped group that no longer exists maps nobody; any other failure stops the sign-in
        // (a directory hiccup must not demote anyone).
        if (e instanceof NoSuchObjectError) return null;
        throw searchFailure(e);
      }
    }),
  );
  return new Set(hits.filter((g): g is string => g !== null));
}

/**
 * The members of each mapped group, for a sync: DN → the mapped groups (normalised) it is in.
 * Plain LDAP: the group's member values; AD: a search for `memberOf` (transitively with `nested`),
 * which also avoids AD's ranged `member` values on groups of more than 1,500.
 */
export async function membersOfMappedGroups(
  client: Client,
  s: PeopleSearch,
  groupDns: string[],
  nested: boolean,
): Promise<Map<string, Set<string>>> {
  const byMember = new Map<string, Set<string>>();
  const add = (memberDn: string, g: string) => {
    const k = normalizeDn(memberDn);
    let set = byMember.get(k);
    if (!set) byMember.set(k, (set = new Set()));
    set.add(normalizeDn(g));
  };
  for (const g of groupDns) {
    try {
      if (s.activeDirectory) {
        const g1 = escapeFilterValue(g);
        // As at sign-in: direct members too, whatever the server makes of the transitive rule.
        const filter = nested ? `(|(memberOf=${g1})(memberOf:1.2.840.113556.1.4.1941:=${g1}))` : `(memberOf=${g1})`;
        for await (const page of client.searchPaginated(s.baseDn, {
          scope: 'sub',
          filter,
          attributes: ['1.1'],
          paged: { pageSize: 500 },
        }))
          for (const e of page.searchEntries) add(e.dn, g);
      } else {
        const r = await client.search(g, { scope: 'base', attributes: ['member', 'uniqueMember', 'memberUid'] });
        for (const e of r.searchEntries)
          for (const key of ['member', 'uniqueMember']) {
            const v = pick(e, key);
            for (const m of Array.isArray(v) ? v : v ? [v] : []) add(String(m), g);
          }
        // posixGroup members are usernames: kept under a `uid:` key the sync looks up.
        for (const e of r.searchEntries) {
          const v = pick(e, 'memberUid');
          for (const m of Array.isArray(v) ? v : v ? [v] : []) add(`uid:${String(m)}`, g);
        }
      }
    } catch (e) {
      // As at sign-in: a vanished group maps nobody, any other failure stops the sync.
      if (!(e instanceof NoSuchObjectError)) throw searchFailure(e);
    }
  }
  return byMember;
}
