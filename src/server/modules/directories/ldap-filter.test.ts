import { describe, expect, it } from 'vitest';
import { escapeFilterValue, filterForEveryone, filterForLogin, normalizeDn } from './ldap-filter';

describe('LDAP filter values (RFC 4515)', () => {
  it('escapes the metacharacters, NUL and control bytes, and UTF-8 beyond ASCII', () => {
    expect(escapeFilterValue('*')).toBe('\\2a');
    expect(escapeFilterValue('ali)(uid=*')).toBe('ali\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b')).toBe('a\\5cb');
    expect(escapeFilterValue('x\u0000y\n')).toBe('x\\00y\\0a');
    expect(escapeFilterValue('علی')).toBe('\\d8\\b9\\d9\\84\\db\\8c');
    expect(escapeFilterValue('o.brien-2@example.org')).toBe('o.brien-2@example.org');
  });

  it('puts the escaped login in every {login}, and a presence test for everyone', () => {
    const f = '(&(objectClass=person)(|(sAMAccountName={login})(uid={login})(mail={login})))';
    expect(filterForLogin(f, '*)(|(uid=*')).toBe(
      '(&(objectClass=person)(|(sAMAccountName=\\2a\\29\\28|\\28uid=\\2a)(uid=\\2a\\29\\28|\\28uid=\\2a)(mail=\\2a\\29\\28|\\28uid=\\2a)))',
    );
    expect(filterForEveryone(f)).toBe('(&(objectClass=person)(|(sAMAccountName=*)(uid=*)(mail=*)))');
  });

  it('compares DNs in one spelling', () => {
    expect(normalizeDn(' CN=Helpdesk Agents , OU=Groups,DC=Example, DC=org ')).toBe(
      'cn=helpdesk agents,ou=groups,dc=example,dc=org',
    );
  });
});
