import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { S3Config } from './s3-url';
import { canonicalQuery, EMPTY_SHA256, signRequest, uriEncode } from './sigv4';

/** A refused or failed S3 request. A missing object carries `code: 'ENOENT'`, as a missing file does. */
export class S3Error extends Error {
  readonly code?: string;
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly s3Code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
    if (status === 404 && (s3Code === 'NoSuchKey' || s3Code === 'NotFound')) this.code = 'ENOENT';
  }
}

export interface S3Request {
  /** The S3 API's name for it, for error messages: PutObject, UploadPart… */
  operation: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  key: string;
  query?: Record<string, string>;
  body?: Buffer;
  /** Hex SHA-256 of `body`, when the caller has it already. */
  bodySha256?: string;
  headers?: Record<string, string>;
}

// Errors from these mean the keys in S3_URL are wrong; say so rather than leave it to guessing.
const CREDENTIAL_CODES = new Set(['SignatureDoesNotMatch', 'InvalidAccessKeyId', 'AccessDenied', 'InvalidToken']);

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the first `<tag>` in an S3 XML answer. */
export function xmlField(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? xmlText(m[1]) : undefined;
}

const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

async function readText(res: IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A small S3 client: path-style requests (`<endpoint>/<bucket>/<key>`) signed with SigV4 over
 * node:http(s) with kept-alive connections. `send` resolves with the response once its status
 * is a success (its body still to read); anything else rejects with an S3Error.
 */
export function s3Client(config: S3Config, opts: { timeoutMs?: number; now?: () => Date } = {}) {
  const endpoint = new URL(config.endpoint);
  const secure = endpoint.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const now = opts.now ?? (() => new Date());
  const where = (key: string) => `${config.bucket}/${key}`;

  const failure = (r: S3Request, status: number, body: string): S3Error => {
    const code = xmlField(body, 'Code') ?? (status === 404 ? 'NotFound' : `HTTP${status}`);
    const said = xmlField(body, 'Message');
    const hint = CREDENTIAL_CODES.has(code) ? ' (check the access key and secret key in S3_URL)' : '';
    return new S3Error(
      r.operation,
      status,
      code,
      `S3 ${r.operation} of ${where(r.key)} failed: ${status} ${code}${said ? `: ${said}` : ''}${hint}`,
    );
  };

  function send(r: S3Request): Promise<IncomingMessage> {
    const path = `/${uriEncode(config.bucket)}/${r.key.split('/').map(uriEncode).join('/')}`;
    const query = canonicalQuery(r.query);
    const headers = signRequest(
      {
        method: r.method,
        path,
        query: r.query,
        headers: r.headers,
        host: endpoint.host,
        payloadHash: r.bodySha256 ?? (r.body?.length ? sha256Hex(r.body) : EMPTY_SHA256),
        now: now(),
      },
      { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region },
    );
    if (r.body) headers['content-length'] = String(r.body.length);
    else if (r.method === 'PUT' || r.method === 'POST') headers['content-length'] = '0';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          protocol: endpoint.protocol,
          hostname: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: endpoint.port || undefined,
          method: r.method,
          path: query ? `${path}?${query}` : path,
          headers,
          agent,
        },
        (res) => {
          // Past the answer's head there is no timeout: a download may go as slowly as its reader.
          req.setTimeout(0);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(res);
          readText(res, 64 * 1024).then(
            (body) => reject(failure(r, status, body)),
            (err: Error) => reject(failure(r, status, err.message)),
          );
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      req.on('error', (err) =>
        reject(
          new S3Error(r.operation, 0, 'NetworkError', `S3 ${r.operation} of ${where(r.key)} failed: ${err.message}`),
        ),
      );
      req.end(r.body);
    });
  }

  /**
   * Sends and reads the whole (small, XML) answer. S3 may answer 200 and still report an error in
   * the body (CompleteMultipartUpload does, once it has begun): that is a failure too.
   */
  async function text(r: S3Request): Promise<string> {
    const res = await send(r);
    const body = await readText(res);
    if (/^\s*(<\?xml[^>]*>\s*)?<Error>/.test(body)) throw failure(r, res.statusCode ?? 0, body);
    return body;
  }

  /** Sends and drains the answer, for requests whose answer says nothing beyond its status. */
  async function call(r: S3Request): Promise<IncomingMessage> {
    const res = await send(r);
    res.resume();
    return res;
  }

  return { send, text, call, bucket: config.bucket };
}

export type S3Client = ReturnType<typeof s3Client>;
