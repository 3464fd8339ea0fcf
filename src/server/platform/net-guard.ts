import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Outbound connections to servers an administrator enters (mailboxes; later webhooks) must not
 * reach the server's own network: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), CGNAT, multicast and reserved ranges are refused unless the operator sets
 * ALLOW_PRIVATE_NETWORK_TARGETS=true. The name is resolved once, every address it resolves to is
 * checked, and the caller connects to the checked address — so a second lookup cannot answer
 * differently (DNS rebinding).
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['::', 96], // IPv4-compatible (deprecated)
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address an IPv6 address carries (NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(ip: string): string | null {
  const groups = expandIpv6(ip);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
    return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

function expandIpv6(ip: string): number[] | null {
  let text = ip.split('%')[0].toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(fill).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : null;
}

/** Is this IP address one a server may be asked to connect to on the public internet? */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !blocked.check(ip, 'ipv4');
  if (family !== 6) return false;
  // BlockList matches IPv4-mapped addresses (::ffff:a.b.c.d) against the IPv4 rules itself.
  if (blocked.check(ip, 'ipv6')) return false;
  const v4 = embeddedIpv4(ip);
  return v4 === null || !blocked.check(v4, 'ipv4');
}

/** The target resolved to an address that is not allowed. Carries no address: never shown. */
export class TargetNotAllowed extends Error {
  readonly code = 'EADDRNOTALLOWED';
  constructor(readonly host: string) {
    super(`${host} is or resolves to a local, private or reserved network address`);
  }
}

export interface TargetOptions {
  /** ALLOW_PRIVATE_NETWORK_TARGETS. */
  allowPrivate: boolean;
  timeoutMs?: number;
}

/**
 * Resolves `host` (an IP literal is taken as is) and checks every address it has. Returns the
 * address to connect to; throws TargetNotAllowed, or the lookup's error (`code` ENOTFOUND…).
 */
export async function resolveTarget(host: string, opts: TargetOptions): Promise<{ address: string; family: 4 | 6 }> {
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  let addresses: { address: string; family: number }[];
  if (family) addresses = [{ address: literal, family }];
  else {
    const timeout = opts.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error(`name lookup timed out after ${timeout} ms`), { code: 'ETIMEOUT' })),
        timeout,
      );
    });
    try {
      addresses = await Promise.race([dns.lookup(literal, { all: true, verbatim: true }), timedOut]);
    } finally {
      clearTimeout(timer);
    }
    if (!addresses.length) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  }
  if (!opts.allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) throw new TargetNotAllowed(host);
  return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
