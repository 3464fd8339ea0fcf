/** Small builders for raw RFC 822 test messages (CRLF line ends). Test-only. */

export const CRLF = '\r\n';

/** Joins header lines and a body into a raw message. */
export function raw(headers: string[], body: string | string[] = ''): Buffer {
  const b = Array.isArray(body) ? body.join(CRLF) : body;
  return Buffer.from([...headers, '', b].join(CRLF), 'utf8');
}

export function rawBytes(headers: string[], body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...headers, '', ''].join(CRLF), 'latin1'), body]);
}

/** RFC 2047 B-encoded word. */
export const bWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** RFC 2047 Q-encoded word. */
export const qWord = (text: string) =>
  `=?UTF-8?Q?${[...Buffer.from(text, 'utf8')]
    .map((b) =>
      b === 0x20
        ? '_'
        : /[A-Za-z0-9]/.test(String.fromCharCode(b))
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')}?=`;

/** RFC 2231 extended parameter value. */
export const rfc2231 = (text: string) => `UTF-8''${encodeURIComponent(text)}`;

/** Encodes text as windows-1256 by inverting Node's (ICU) decoder for that code page. */
export function windows1256(text: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    [...text].map((ch) => {
      const byte = map.get(ch);
      if (byte === undefined) throw new Error(`not in windows-1256: ${ch}`);
      return byte;
    }),
  );
}

export const BASE = [
  'From: Ali <ali@example.com>',
  'To: support@pishkhan.test',
  'Date: Tue, 01 Oct 2024 10:00:00 +0330',
  'Message-ID: <m1@example.com>',
  'MIME-Version: 1.0',
];
