import { MailConnectError, MailSocket, type MailEndpoint } from './mail-socket';

/**
 * A small POP3 client (RFC 1939, STLS from RFC 2595): greeting, optional STLS, USER/PASS, then
 * STAT, UIDL, RETR, DELE and QUIT. Failures are `MailConnectError`s naming their stage.
 */
export class Pop3Client {
  private constructor(private readonly s: MailSocket) {}

  /** Connects (name lookup, TCP, TLS or STLS) and reads the greeting. */
  static async connect(ep: MailEndpoint): Promise<Pop3Client> {
    const s = await MailSocket.open(ep);
    const client = new Pop3Client(s);
    try {
      const greeting = await s.readLine();
      if (!greeting.startsWith('+OK'))
        throw new MailConnectError('protocol', 'EGREETING', `unexpected POP3 greeting: ${greeting.slice(0, 200)}`);
      if (ep.tls === 'starttls') {
        const reply = await client.command('STLS', 'tls');
        void reply;
        await s.startTls();
      }
      return client;
    } catch (e) {
      s.close();
      throw e;
    }
  }

  /** Sends one command and returns the text after "+OK"; "-ERR" throws for `stage`. */
  private async command(line: string, stage: MailConnectError['stage'] = 'protocol'): Promise<string> {
    this.s.write(`${line}\r\n`);
    const reply = await this.s.readLine();
    if (reply.startsWith('+OK')) return reply.slice(3).trim();
    const verb = line.split(' ')[0];
    throw new MailConnectError(stage, 'ERR', `${verb}: ${reply.replace(/^-ERR\s*/, '').slice(0, 300) || 'refused'}`);
  }

  async login(username: string, password: string): Promise<void> {
    if (/[\r\n]/.test(username + password))
      throw new MailConnectError('auth', 'EINVAL', 'user name or password contains a line break');
    await this.command(`USER ${username}`, 'auth');
    await this.command(`PASS ${password}`, 'auth');
  }

  /** Number of messages and their total size in octets. */
  async stat(): Promise<{ count: number; size: number }> {
    const [count, size] = (await this.command('STAT')).split(/\s+/).map(Number);
    return { count, size };
  }

  /** Message numbers and their unique ids. */
  async uidl(): Promise<{ n: number; uid: string }[]> {
    await this.command('UIDL');
    const body = (await this.s.readDotTerminated()).toString('utf8');
    return body
      .split('\r\n')
      .filter(Boolean)
      .map((l) => {
        const [n, uid] = l.split(' ');
        return { n: Number(n), uid };
      });
  }

  /** Message numbers and sizes. */
  async list(): Promise<{ n: number; size: number }[]> {
    await this.command('LIST');
    const body = (await this.s.readDotTerminated()).toString('utf8');
    return body
      .split('\r\n')
      .filter(Boolean)
      .map((l) => {
        const [n, size] = l.split(' ').map(Number);
        return { n, size };
      });
  }

  /** The whole raw message. */
  async retr(n: number): Promise<Buffer> {
    await this.command(`RETR ${n}`);
    return this.s.readDotTerminated();
  }

  async dele(n: number): Promise<void> {
    await this.command(`DELE ${n}`);
  }

  /** Ends the session (deletions take effect) and closes the connection. */
  async quit(): Promise<void> {
    try {
      await this.command('QUIT');
    } finally {
      this.s.close();
    }
  }

  close() {
    this.s.close();
  }
}
