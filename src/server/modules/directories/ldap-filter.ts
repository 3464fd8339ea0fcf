/**
 * LDAP filter values and DNs (RFC 4515, RFC 4514). Whatever a person types as their login goes
 * into the admin's filter escaped, so `*`, `(`, `)`, `\` and NUL match themselves and can never
 * widen a search (`*)(uid=*` finds nobody).
 */

/** A value escaped for a filter: `*` `(` `)` `\` NUL as `\2a` `\28` `\29` `\5c` `\00`, and any non-printable byte too. */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x20 || byte === 0x7f || ch === '*' || ch === '(' || ch === ')' || ch === '\\')
      out += `\\${byte.toString(16).padStart(2, '0')}`;
    else if (byte < 0x80) out += ch;
    else out += `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** The admin's user filter for one login: every `{login}` replaced by the escaped value. */
export const filterForLogin = (userFilter: string, login: string) =>
  userFilter.split('{login}').join(escapeFilterValue(login));

/** The same filter for everyone (a sync): `(uid={login})` becomes the presence test `(uid=*)`. */
export const filterForEveryone = (userFilter: string) => userFilter.split('{login}').join('*');

/**
 * A DN in one spelling for comparison: attribute names and values lower-cased, spaces around
 * `,` `=` and `+` dropped (escaped characters are kept as written).
 */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, '$1')
    .toLowerCase();
}
