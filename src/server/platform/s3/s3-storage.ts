import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { newStorageKey, SizeLimitError, type FileStorage } from '../storage';
import { S3Error, s3Client, xmlField, type S3Client } from './s3-client';
import type { S3Config } from './s3-url';

/** S3 refuses parts under 5 MiB except the last, and more than 10,000 parts. */
const MIN_PART = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

const KEY = /^[a-z0-9/]+$/;
const checked = (key: string) => {
  if (!KEY.test(key)) throw new Error('bad storage key');
  return key;
};
const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Files in one bucket of an S3-compatible service (S3_URL), so that processes on several
 * machines share them. put() streams: bytes are counted and hashed as they pass and the size
 * limit holds while they flow. A body that fits in one part goes as one PUT signed with its
 * SHA-256; a larger one as a multipart upload, one part in memory at a time. On failure the
 * multipart upload is aborted and the object deleted, so nothing is left behind.
 */
export function s3Storage(config: S3Config, opts: { partSize?: number; client?: S3Client } = {}): FileStorage {
  const client = opts.client ?? s3Client(config);
  const partSize = opts.partSize ?? DEFAULT_PART_SIZE;
  if (partSize < MIN_PART) throw new Error(`S3 part size must be at least ${MIN_PART} bytes`);

  async function createUpload(key: string): Promise<string> {
    const xml = await client.text({ operation: 'CreateMultipartUpload', method: 'POST', key, query: { uploads: '' } });
    const id = xmlField(xml, 'UploadId');
    if (!id)
      throw new S3Error('CreateMultipartUpload', 200, 'MalformedAnswer', 'S3 CreateMultipartUpload: no UploadId');
    return id;
  }

  async function uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
    if (partNumber > MAX_PARTS) throw new Error(`file too large for ${MAX_PARTS} parts of ${partSize} bytes`);
    const res = await client.call({
      operation: 'UploadPart',
      method: 'PUT',
      key,
      query: { partNumber: String(partNumber), uploadId },
      body,
      bodySha256: sha256Hex(body),
    });
    const etag = res.headers.etag;
    if (!etag) throw new S3Error('UploadPart', res.statusCode ?? 0, 'MalformedAnswer', 'S3 UploadPart: no ETag');
    return etag;
  }

  async function completeUpload(key: string, uploadId: string, etags: string[]) {
    const parts = etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`)
      .join('');
    await client.text({
      operation: 'CompleteMultipartUpload',
      method: 'POST',
      key,
      query: { uploadId },
      body: Buffer.from(`<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`),
      headers: { 'content-type': 'application/xml' },
    });
  }

  /** Deleting what is not there is no error, as with diskStorage. */
  async function remove(key: string) {
    try {
      await client.call({ operation: 'DeleteObject', method: 'DELETE', key: checked(key) });
    } catch (err) {
      if ((err as S3Error).code !== 'ENOENT') throw err;
    }
  }

  return {
    async put(source: Readable, putOpts = {}) {
      const key = newStorageKey();
      const hash = createHash('sha256');
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let uploadId: string | undefined;
      const etags: string[] = [];
      let wrote = false;
      try {
        // Reading with for-await pulls the next chunk only after a full part has gone out, so
        // at most one part (plus one chunk) is held; leaving the loop early destroys `source`.
        for await (const raw of source) {
          const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
          size += chunk.length;
          if (putOpts.maxBytes !== undefined && size > putOpts.maxBytes) throw new SizeLimitError(putOpts.maxBytes);
          hash.update(chunk);
          pending.push(chunk);
          pendingBytes += chunk.length;
          // Only past one part: a body of exactly one part still goes as a single PUT.
          while (pendingBytes > partSize) {
            // One large chunk (a whole mail from Readable.from) is cut up without copying it again.
            const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
            pending = [all.subarray(partSize)];
            pendingBytes = all.length - partSize;
            uploadId ??= await createUpload(key);
            etags.push(await uploadPart(key, uploadId, etags.length + 1, all.subarray(0, partSize)));
          }
        }
        const sha256 = hash.digest('hex');
        const rest = Buffer.concat(pending);
        wrote = true;
        if (uploadId) {
          if (rest.length) etags.push(await uploadPart(key, uploadId, etags.length + 1, rest));
          await completeUpload(key, uploadId, etags);
        } else {
          // The whole object is the payload: S3 checks the signed hash against what arrives.
          await client.call({ operation: 'PutObject', method: 'PUT', key, body: rest, bodySha256: sha256 });
        }
        return { key, size, sha256 };
      } catch (err) {
        const cleanup: Promise<unknown>[] = [];
        if (uploadId) {
          const id = uploadId;
          cleanup.push(
            client.call({ operation: 'AbortMultipartUpload', method: 'DELETE', key, query: { uploadId: id } }),
          );
        }
        // A last request that failed on the way back may still have stored the object.
        if (wrote) cleanup.push(remove(key));
        await Promise.allSettled(cleanup);
        throw err;
      }
    },

    async get(key) {
      return client.send({ operation: 'GetObject', method: 'GET', key: checked(key) });
    },

    delete: remove,
  };
}

// Quotes stay as they are: ETags are sent back quoted, as S3 gave them, which XML text allows.
function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
