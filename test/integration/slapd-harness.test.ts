import { Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlapd, type Slapd } from '../helpers/slapd';

/**
 * The private OpenLDAP the directory sign-in tests run against (test/helpers/slapd.ts): it starts
 * quickly, the service account reads people but not passwords, people bind as themselves, TLS
 * verifies against the run's CA and not against another, and the helper's changes take effect.
 */
let slapd: Slapd;
let startMs = 0;

beforeAll(async () => {
  const t0 = Date.now();
  slapd = await startSlapd();
  startMs = Date.now() - t0;
}, 30_000);
afterAll(async () => {
  await slapd?.stop();
});

const client = (url = slapd.url, ca?: string) =>
  new Client({ url, timeout: 5_000, connectTimeout: 3_000, tlsOptions: ca ? { ca: [ca] } : undefined });

async function withClient<T>(c: Client, fn: (c: Client) => Promise<T>): Promise<T> {
  try {
    return await fn(c);
  } finally {
    await c.unbind().catch(() => {});
  }
}

const canBind = (dn: string, password: string) =>
  withClient(client(), async (c) => {
    try {
      await c.bind(dn, password);
      return true;
    } catch (e) {
      if (e instanceof InvalidCredentialsError) return false;
      throw e;
    }
  });

const findPeople = (filter: string, attributes = ['uid']) =>
  withClient(client(), async (c) => {
    await c.bind(slapd.reader.dn, slapd.reader.password);
    const { searchEntries } = await c.search(slapd.peopleDn, { filter, attributes });
    return searchEntries;
  });

describe('slapd test harness', () => {
  it('starts in well under three seconds', () => {
    expect(startMs).toBeLessThan(3_000);
  });

  it('lets the service account find ali with the AD attributes and memberOf, but not the password', async () => {
    const [ali] = await findPeople('(&(objectClass=person)(sAMAccountName=ali))', ['*', 'memberOf', 'userPassword']);
    expect(ali, await slapd.log()).toBeDefined();
    expect(ali!.dn).toBe(slapd.user('ali').dn);
    expect(ali!.displayName).toBe('علی رضایی');
    expect(ali!.mail).toBe('ali@example.org');
    expect(ali!.mobile).toBe('09121234567');
    expect(ali!.userAccountControl).toBe('512');
    expect(ali!.memberOf).toBe(slapd.groupDn('students'));
    // ldapts answers a requested attribute the server withheld as an empty list.
    expect([ali!.userPassword ?? []].flat()).toEqual([]);
    const [reza] = await findPeople('(uid=reza)', ['userAccountControl']);
    expect(reza!.userAccountControl).toBe('514');
  });

  it('lets people bind as themselves with their password only; anonymous reads nothing', async () => {
    expect(await canBind(slapd.user('ali').dn, 'ali-pass-1')).toBe(true);
    expect(await canBind(slapd.user('ali').dn, 'wrong')).toBe(false);
    expect(await canBind(slapd.user('o*brien').dn, 'o*brien-pass-1')).toBe(true);
    const anonymous = await withClient(client(), async (c) =>
      c.search(slapd.baseDn, { filter: '(uid=*)' }).then(
        (r) => r.searchEntries.length,
        () => 0,
      ),
    );
    expect(anonymous).toBe(0);
  });

  it('keeps filter metacharacters literal when escaped (RFC 4515)', async () => {
    expect((await findPeople('(uid=o\\2abrien)')).map((e) => e.uid)).toEqual(['o*brien']);
    expect((await findPeople('(uid=a\\28b\\29c)')).map((e) => e.uid)).toEqual(['a(b)c']);
    expect((await findPeople('(uid=o*)')).map((e) => e.uid)).toEqual(['o*brien']);
  });

  it('speaks STARTTLS and LDAPS verified with the run CA, and fails with the other CA', async () => {
    const viaStartTls = await withClient(client(), async (c) => {
      await c.startTLS({ ca: [slapd.caCertPem], servername: 'localhost' });
      await c.bind(slapd.reader.dn, slapd.reader.password);
      return (await c.search(slapd.peopleDn, { filter: '(uid=ali)' })).searchEntries.length;
    });
    expect(viaStartTls).toBe(1);
    await expect(
      withClient(client(), (c) => c.startTLS({ ca: [slapd.otherCaPem], servername: 'localhost' })),
    ).rejects.toThrow(/self[- ]signed|unable to (verify|get)|certificate/i);

    const viaLdaps = await withClient(client(slapd.ldapsUrl, slapd.caCertPem), async (c) => {
      await c.bind(slapd.reader.dn, slapd.reader.password);
      return true;
    });
    expect(viaLdaps).toBe(true);
    await expect(
      withClient(client(slapd.ldapsUrl, slapd.otherCaPem), (c) => c.bind(slapd.reader.dn, slapd.reader.password)),
    ).rejects.toThrow(/self[- ]signed|unable to (verify|get)|certificate/i);
  });

  it('changes people and groups: add, password, disable, membership, removal, restore', async () => {
    await slapd.addUser({
      uid: 'nima',
      name: 'نیما صالحی',
      email: 'nima@example.org',
      mobile: '09351234567',
      password: 'first-pass',
      groups: ['helpdesk-agents', 'new-group'],
    });
    const memberOf = async () => {
      const [e] = await findPeople('(uid=nima)', ['memberOf', 'userAccountControl']);
      return { groups: [e?.memberOf ?? []].flat().map(String).sort(), uac: e?.userAccountControl };
    };
    expect((await memberOf()).groups).toEqual([slapd.groupDn('helpdesk-agents'), slapd.groupDn('new-group')]);
    expect(await canBind(slapd.user('nima').dn, 'first-pass')).toBe(true);

    await slapd.setPassword('nima', 'second-pass');
    expect(await canBind(slapd.user('nima').dn, 'first-pass')).toBe(false);
    expect(await canBind(slapd.user('nima').dn, 'second-pass')).toBe(true);

    await slapd.setDisabled('nima', true);
    expect((await memberOf()).uac).toBe('514');
    await slapd.setDisabled('nima', false);
    expect((await memberOf()).uac).toBe('512');

    // Emptying a group keeps it (groupOfNames then holds the empty DN, which matches no one).
    await slapd.removeFromGroup('nima', 'new-group');
    expect((await memberOf()).groups).toEqual([slapd.groupDn('helpdesk-agents')]);
    await slapd.addToGroup('nima', 'new-group');
    expect((await memberOf()).groups).toHaveLength(2);

    const uuid = async () => (await findPeople('(uid=nima)', ['entryUUID']))[0]?.entryUUID;
    const before = await uuid();
    expect(before).toMatch(/^[0-9a-f-]{36}$/);
    await slapd.removeUser('nima');
    expect(await findPeople('(uid=nima)')).toEqual([]);
    // Restored as from AD's recycle bin: the same identity, password and groups.
    await slapd.restoreUser('nima');
    expect(await uuid()).toBe(before);
    expect(await canBind(slapd.user('nima').dn, 'second-pass')).toBe(true);
    expect((await memberOf()).groups).toHaveLength(2);

    await slapd.removeUser('nima');
    expect(await findPeople('(uid=nima)')).toEqual([]);
    expect(slapd.users.some((u) => u.uid === 'nima')).toBe(false);
    const agents = await withClient(client(), async (c) => {
      await c.bind(slapd.reader.dn, slapd.reader.password);
      const { searchEntries } = await c.search(slapd.groupDn('helpdesk-agents'), {
        scope: 'base',
        attributes: ['member'],
      });
      return [searchEntries[0]!.member].flat().map(String);
    });
    expect(agents).not.toContain('uid=nima,ou=people,dc=example,dc=org');
    expect(agents).toContain(slapd.groupDn('it-staff'));

    await slapd.modify(
      `dn: ${slapd.user('sara').dn}\nchangetype: modify\nreplace: displayName\ndisplayName:: ${Buffer.from('سارا احمدی‌نژاد').toString('base64')}\n-\n`,
    );
    expect((await findPeople('(uid=sara)', ['displayName']))[0]!.displayName).toBe('سارا احمدی‌نژاد');
    await expect(slapd.modify('dn: uid=ghost,ou=people,dc=example,dc=org\nchangetype: delete\n')).rejects.toThrow(
      /No such object/,
    );
  });
});
