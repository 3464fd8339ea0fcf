import { MailConnectError, MailSocket, type MailEndpoint } from './mail-socket';

/**
 * The IMAP part of "test connection": greeting, optional STARTTLS, LOGIN, LOGOUT — on our own
 * sockets so every failure names its stage. Intake uses a full client (imapflow).
 */
export async function probeImap(ep: MailEndpoint, username: string, password: string): Promise<void> {
  const s = await MailSocket.open(ep);
  let tag = 0;
  const command = async (line: string, stage: MailConnectError['stage'], shown = line) => {
    const t = `p${++tag}`;
    s.write(`${t} ${line}\r\n`);
    const untagged: string[] = [];
    for (;;) {
      const reply = await s.readLine();
      if (reply.startsWith(`${t} `)) {
        const rest = reply.slice(t.length + 1);
        if (/^OK\b/i.test(rest)) return untagged;
        // The status word only (NO, BAD): the rest of the line is the server's text.
        const status = /^(NO|BAD)\b/i.exec(rest)?.[1].toUpperCase() ?? 'EPROTOCOL';
        throw new MailConnectError(stage, status, `${shown.split(' ')[0]}: ${rest.slice(0, 300)}`);
      }
      untagged.push(reply);
    }
  };
  try {
    const greeting = await s.readLine();
    if (/^\* BYE/i.test(greeting) || !/^\* (OK|PREAUTH)/i.test(greeting))
      throw new MailConnectError('protocol', 'EGREETING', `unexpected IMAP greeting: ${greeting.slice(0, 200)}`);
    if (ep.tls === 'starttls') {
      await command('STARTTLS', 'tls');
      await s.startTls();
    }
    if (!/^\* PREAUTH/i.test(greeting)) {
      await command(`LOGIN ${quote(username)} ${quote(password)}`, 'auth', 'LOGIN');
    }
    await command('LOGOUT', 'protocol').catch(() => undefined);
  } finally {
    s.close();
  }
}

function quote(s: string): string {
  if (/[\r\n]/.test(s)) throw new MailConnectError('auth', 'EINVAL', 'user name or password contains a line break');
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
