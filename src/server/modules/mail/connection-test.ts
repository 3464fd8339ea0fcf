import type { TDirectionResult, TMailboxTestResult } from '../../../contracts/mail';
import type { Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { probeImap } from './imap-probe';
import { extraCa, MailConnectError, type MailEndpoint, type TlsMode } from './mail-socket';
import { Pop3Client } from './pop3-client';
import { probeSmtp } from './smtp-probe';

/** Plain settings of a mailbox with the passwords opened — only ever in memory. */
export interface MailSettings {
  inbound: {
    protocol: 'imap' | 'pop3' | 'none';
    host: string | null;
    port: number | null;
    tls: TlsMode;
    username: string | null;
    password: string | null;
  };
  outbound: {
    host: string | null;
    port: number | null;
    tls: TlsMode;
    auth: boolean;
    username: string | null;
    password: string | null;
  };
}

export const defaultPort = (kind: 'imap' | 'pop3' | 'smtp', tls: TlsMode) =>
  kind === 'imap'
    ? tls === 'tls'
      ? 993
      : 143
    : kind === 'pop3'
      ? tls === 'tls'
        ? 995
        : 110
      : tls === 'tls'
        ? 465
        : 587;

/** Really connects both ways and says precisely what failed; never throws for a mail failure. */
export async function testMailConnections(ctx: Ctx, s: MailSettings): Promise<TMailboxTestResult> {
  const ca = extraCa(ctx.deps.config.mailTlsCaFile);
  const [inbound, outbound] = await Promise.all([testInbound(ctx, s.inbound, ca), testOutbound(ctx, s.outbound, ca)]);
  const ok = inbound.ok && outbound.ok;
  const message = ok ? t(ctx.locale, 'mail.test.all_ok') : t(ctx.locale, 'mail.test.some_failed');
  return { ok, inbound, outbound, message };
}

async function testInbound(ctx: Ctx, s: MailSettings['inbound'], ca: string | undefined): Promise<TDirectionResult> {
  if (s.protocol === 'none' || !s.host)
    return { ok: true, skipped: true, message: t(ctx.locale, 'mail.test.inbound_off') };
  const ep: MailEndpoint = {
    host: s.host,
    port: s.port ?? defaultPort(s.protocol, s.tls),
    tls: s.tls,
    ca,
    allowPrivate: ctx.deps.config.allowPrivateNetworkTargets,
  };
  const proto = s.protocol.toUpperCase();
  return run(ctx, ep, proto, async () => {
    if (s.protocol === 'imap') await probeImap(ep, s.username ?? '', s.password ?? '');
    else {
      const pop = await Pop3Client.connect(ep);
      try {
        await pop.login(s.username ?? '', s.password ?? '');
        await pop.quit();
      } finally {
        pop.close();
      }
    }
  });
}

async function testOutbound(ctx: Ctx, s: MailSettings['outbound'], ca: string | undefined): Promise<TDirectionResult> {
  if (!s.host) return { ok: false, stage: 'protocol', message: t(ctx.locale, 'mail.test.no_smtp') };
  const ep: MailEndpoint = {
    host: s.host,
    port: s.port ?? defaultPort('smtp', s.tls),
    tls: s.tls,
    ca,
    allowPrivate: ctx.deps.config.allowPrivateNetworkTargets,
  };
  return run(ctx, ep, 'SMTP', () =>
    probeSmtp(ep, s.auth ? { username: s.username ?? '', password: s.password ?? '' } : null),
  );
}

async function run(ctx: Ctx, ep: MailEndpoint, proto: string, fn: () => Promise<void>): Promise<TDirectionResult> {
  // Elapsed wall time of a network probe: a monotonic timer, not the (injectable) clock.
  const started = performance.now();
  const where = { host: ep.host, port: ep.port };
  try {
    await fn();
    return {
      ok: true,
      message: t(ctx.locale, 'mail.test.ok', { proto, host: ep.host, port: ep.port }),
      ...where,
      ms: Math.round(performance.now() - started),
    };
  } catch (e) {
    const err = e instanceof MailConnectError ? e : new MailConnectError('protocol', 'EUNKNOWN', (e as Error).message);
    // The server's own words (banner, error text) stay in the log: the answer names the stage
    // and a code, so "test connection" cannot be used to read what an internal service says.
    ctx.deps.log.info(
      { stage: err.stage, code: err.code, host: ep.host, port: ep.port, detail: err.detail },
      'mailbox test failed',
    );
    const code = safeCode(err.code);
    return {
      ok: false,
      stage: err.stage,
      code,
      message: t(ctx.locale, `mail.test.${err.stage}`, { proto, host: ep.host, port: ep.port, code }),
      ...where,
      ms: Math.round(performance.now() - started),
    };
  }
}

/** A code for the answer: our own or the library's (ECONNREFUSED, EAUTH, NO…), never free text. */
function safeCode(code: string): string {
  return /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'EPROTOCOL';
}
