import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where file bytes live. Keys are generated here, never taken from a client's file name.
 * DiskStorage keeps them under DATA_DIR/files; an S3 store implements the same interface.
 */
export interface FileStorage {
  /** Streams `source` into a new object; rejects (and leaves nothing) if the stream fails. */
  put(source: Readable, opts?: { maxBytes?: number }): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class SizeLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}

/** A new object's key, `YYYY/MM/<32 hex>`: every store names objects alike, never after a client's name. */
export function newStorageKey(now = new Date()): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}`;
}

export function diskStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!/^[a-z0-9/]+$/.test(key)) throw new Error('bad storage key');
    return join(root, key);
  };
  return {
    async put(source, opts = {}) {
      const key = newStorageKey();
      const final = pathOf(key);
      const temp = `${final}.part`;
      await mkdir(dirname(final), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (opts.maxBytes !== undefined && size > opts.maxBytes) return cb(new SizeLimitError(opts.maxBytes));
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(temp, { mode: 0o600 }));
        await rename(temp, final);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      return { key, size, sha256: hash.digest('hex') };
    },
    async get(key) {
      const p = pathOf(key);
      await stat(p);
      return createReadStream(p);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/**
 * Reads an object, answering `missing()` (a 404, say) when it is not there — only then: a
 * store that is down or refuses the keys is an error of its own, not a missing file.
 */
export async function getOr(storage: FileStorage, key: string, missing: () => Error): Promise<Readable> {
  try {
    return await storage.get(key);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw missing();
    throw e;
  }
}
