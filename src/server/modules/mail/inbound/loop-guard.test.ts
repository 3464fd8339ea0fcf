import { describe, expect, it } from 'vitest';
import { isAutomated } from './loop-guard';
import { parseMail } from './parse-mail';
import { BASE, raw } from './test-mails';

const from = (address: string) => ({ address, name: '' });
const msg = (headers: Record<string, string>, address = 'ali@example.com') => ({ headers, from: from(address) });

describe('isAutomated', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto-submitted'],
    [{ 'auto-submitted': 'auto-generated' }, 'auto-submitted'],
    [{ precedence: 'bulk' }, 'precedence'],
    [{ precedence: 'Junk' }, 'precedence'],
    [{ precedence: 'list' }, 'precedence'],
    [{ precedence: 'auto_reply' }, 'precedence'],
    [{ 'x-autoreply': 'yes' }, 'auto-reply-header'],
    [{ 'x-autorespond': 'Out of office' }, 'auto-reply-header'],
    [{ 'x-auto-response-suppress': 'All' }, 'auto-reply-header'],
    [{ 'x-auto-response-suppress': 'DR, OOF, AutoReply' }, 'auto-reply-header'],
    [{ 'list-id': '<users.lists.example.com>' }, 'list'],
    [{ 'list-unsubscribe': '<mailto:unsub@example.com>' }, 'list'],
    [{ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' }, 'bounce'],
    [{ 'x-failed-recipients': 'gone@example.com' }, 'bounce'],
    [{ 'return-path': '<>' }, 'bounce'],
  ])('%o → %s', (headers, reason) => {
    expect(isAutomated(msg(headers))).toEqual({ automated: true, reason });
  });

  it.each([
    'MAILER-DAEMON@mx.example.com',
    'postmaster@example.com',
    'noreply@example.com',
    'no-reply@example.com',
    'do-not-reply@x.test',
    'bounces+123@x.test',
  ])('treats %s as a robot sender', (address) =>
    expect(isAutomated(msg({}, address.toLowerCase()))).toEqual({ automated: true, reason: 'mailer-daemon' }),
  );

  it.each([
    [{}, 'ali@example.com'],
    [{ 'auto-submitted': 'no' }, 'ali@example.com'],
    [{ precedence: 'normal' }, 'ali@example.com'],
    [{ 'x-auto-response-suppress': 'DR, RN' }, 'ali@example.com'],
    [{ 'content-type': 'multipart/mixed; boundary=x' }, 'noreplyfan@example.com'],
    [{ 'return-path': '<ali@example.com>' }, 'mr.postmaster@example.com'],
  ])('lets a person through: %o from %s', (headers, address) => {
    expect(isAutomated(msg(headers, address))).toEqual({ automated: false });
  });

  it('works on parsed mail: an out-of-office reply and a DSN bounce', async () => {
    const ooo = await parseMail(
      raw(
        [...BASE, 'Subject: Automatic reply', 'Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
        'I am away',
      ),
    );
    expect(isAutomated(ooo).reason).toBe('auto-submitted');
    const dsn = await parseMail(
      raw(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.test>',
          'To: support@pishkhan.test',
          'Subject: Undelivered',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status;',
          '\tboundary="R"',
        ],
        [
          '--R',
          'Content-Type: text/plain',
          '',
          'failed',
          '--R',
          'Content-Type: message/delivery-status',
          '',
          'Status: 5.1.1',
          '--R--',
          '',
        ],
      ),
    );
    expect(dsn.from.address).toBe('mailer-daemon@mx.test');
    expect(isAutomated(dsn).reason).toBe('bounce');
    const list = await parseMail(raw([...BASE, 'List-Id: Users <users.example.com>'], 'news'));
    expect(isAutomated(list).reason).toBe('list');
  });
});
