import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../src/server/platform/s3/s3-url';

/**
 * A local S3-compatible server for tests: s3rver (files in a temporary directory) behind a small
 * front of ours. s3rver 3.7.1 checks only that a SigV4 request names a known access key, never
 * its signature, and has no AbortMultipartUpload; the front verifies every signature itself
 * (an implementation independent of the app's signer, payload hash included) and answers
 * aborts, then passes the request on unsigned.
 */
export interface S3TestServer {
  /** S3_URL for the app. */
  url: string;
  config: S3Config;
  /** Every request the front answered, in order. */
  requests: { method: string; path: string; query: URLSearchParams; bytes: number; status: number }[];
  /** Keys of the objects in the bucket. */
  objectKeys(): Promise<string[]>;
  /** Ids of multipart uploads neither completed nor aborted. */
  pendingUploads(): Promise<string[]>;
  close(): Promise<void>;
}

const ACCESS_KEY = 'pishkhan-test';
// `/` and `+` must survive URL-encoding in S3_URL.
const SECRET_KEY = 'test/secret+key';
const BUCKET = 'pishkhan-files';
const SUFFIX = '._S3rver_';

export async function startS3Server(): Promise<S3TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-s3-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const inner = (await s3rver.run()) as AddressInfo;
  const uploadsDir = join(dir, BUCKET, `${SUFFIX}uploads`);
  const requests: S3TestServer['requests'] = [];

  const front = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://front');
      const answer = (status: number) =>
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          bytes: body.length,
          status,
        });
      const refused = verify(req, body);
      if (refused) {
        answer(403);
        return xmlError(res, 403, refused.code, refused.message);
      }
      const uploadId = url.searchParams.get('uploadId');
      if (req.method === 'DELETE' && uploadId !== null) {
        const at = join(uploadsDir, uploadId);
        if (!/^[0-9a-f]+$/.test(uploadId) || !existsSync(at)) {
          answer(404);
          return xmlError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
        }
        void rm(at, { recursive: true, force: true }).then(() => {
          answer(204);
          res.writeHead(204).end();
        });
        return;
      }
      const headers = { ...req.headers };
      delete headers.authorization;
      const out = http.request(
        { host: '127.0.0.1', port: inner.port, method: req.method, path: req.url, headers },
        (up) => {
          answer(up.statusCode ?? 0);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const port = (front.address() as AddressInfo).port;
  const config: S3Config = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: BUCKET,
    region: 'us-east-1',
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET_KEY,
  };

  return {
    url: `http://${encodeURIComponent(ACCESS_KEY)}:${encodeURIComponent(SECRET_KEY)}@127.0.0.1:${port}/${BUCKET}`,
    config,
    requests,
    async objectKeys() {
      const found: string[] = [];
      const walk = async (at: string) => {
        for (const e of await readdir(at, { withFileTypes: true }).catch(() => [])) {
          if (e.isDirectory() && !e.name.startsWith(SUFFIX)) await walk(join(at, e.name));
          else if (e.name.endsWith(`${SUFFIX}object`))
            found.push(relative(join(dir, BUCKET), join(at, e.name.slice(0, -`${SUFFIX}object`.length))));
        }
      };
      await walk(join(dir, BUCKET));
      return found.sort();
    },
    async pendingUploads() {
      return (await readdir(uploadsDir).catch(() => [])).sort();
    },
    async close() {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await s3rver.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

// RFC 3986: everything but A-Z a-z 0-9 - . _ ~ as %XX.
const enc = (s: string) =>
  Array.from(Buffer.from(s, 'utf8'))
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Checks a request's SigV4 Authorization header as S3 would; undefined when it holds. */
function verify(req: IncomingMessage, body: Buffer): { code: string; message: string } | undefined {
  const auth = req.headers.authorization ?? '';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { code: 'AccessDenied', message: 'A SigV4 Authorization header is required.' };
  const [, accessKey, day, region, signedHeaders, signature] = m;
  if (accessKey !== ACCESS_KEY)
    return { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const date = String(req.headers['x-amz-date'] ?? '');
  const when = Date.parse(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!(Math.abs(Date.now() - when) < 15 * 60_000) || date.slice(0, 8) !== day)
    return { code: 'RequestTimeTooSkewed', message: 'The request time is not now.' };
  const names = signedHeaders.split(';');
  if (!['host', 'x-amz-content-sha256', 'x-amz-date'].every((n) => names.includes(n)))
    return { code: 'AccessDenied', message: 'host, x-amz-content-sha256 and x-amz-date must be signed.' };
  const payload = String(req.headers['x-amz-content-sha256']);
  if (payload !== 'UNSIGNED-PAYLOAD' && payload !== hex(body))
    return { code: 'XAmzContentSHA256Mismatch', message: 'The provided x-amz-content-sha256 does not match.' };
  const [path, rawQuery = ''] = (req.url ?? '/').split('?');
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const [k, v = ''] = p.split('=');
      return `${enc(decodeURIComponent(k))}=${enc(decodeURIComponent(v))}`;
    })
    .sort()
    .join('&');
  const headerLines = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [req.method, path, query, headerLines, signedHeaders, payload].join('\n');
  const toSign = `AWS4-HMAC-SHA256\n${date}\n${day}/${region}/s3/aws4_request\n${hex(canonical)}`;
  let key: Buffer = Buffer.from(`AWS4${SECRET_KEY}`);
  for (const part of [day, region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  if (createHmac('sha256', key).update(toSign).digest('hex') !== signature)
    return {
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  return undefined;
}
