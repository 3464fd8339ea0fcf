import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { parseS3Url } from './s3-url';

const SECRET = 'wJalr/XUtn+FEMI';
const encoded = encodeURIComponent(SECRET);

describe('S3_URL', () => {
  it('reads endpoint, bucket, region and URL-encoded keys', () => {
    expect(parseS3Url(`https://AK%40ID:${encoded}@s3.example.ir/pishkhan-files?region=ir-thr-at1`)).toEqual({
      config: {
        endpoint: 'https://s3.example.ir',
        bucket: 'pishkhan-files',
        region: 'ir-thr-at1',
        accessKeyId: 'AK@ID',
        secretAccessKey: SECRET,
      },
    });
  });

  it('takes plain http, a port and the default region us-east-1', () => {
    const r = parseS3Url('http://minio:minio-secret@127.0.0.1:9000/files/');
    expect(r).toEqual({
      config: {
        endpoint: 'http://127.0.0.1:9000',
        bucket: 'files',
        region: 'us-east-1',
        accessKeyId: 'minio',
        secretAccessKey: 'minio-secret',
      },
    });
  });

  it.each([
    ['not a url', 'is not a URL'],
    [`s3://AK:${encoded}@host/bucket`, 'https:// or http://'],
    ['https://host/bucket', 'access key and the secret key'],
    [`https://AK:${encoded}@host`, 'bucket'],
    [`https://AK:${encoded}@host/bucket/prefix`, 'bucket as its only path'],
    [`https://AK:${encoded}@host/b`, 'not a valid bucket name'],
    [`https://AK:${encoded}@host/bucket?tls=false`, 'unknown parameter "tls"'],
    [`https://AK:${encoded}@host/bucket?region=US EAST`, 'region'],
  ])('refuses %s, saying why', (value, why) => {
    const r = parseS3Url(value);
    expect('error' in r && r.error).toContain(why);
  });

  it('stops the start with a message naming S3_URL and never the secret key', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: 'memory://', S3_URL: `https://AK:${encoded}@host/bucket?colour=red` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('S3_URL: has an unknown parameter "colour"');
    expect((error as Error).message).not.toContain(encoded);
    expect((error as Error).message).not.toContain(SECRET);
    expect(loadConfig({ DATA_DIR: 'memory://' }).s3).toBeUndefined();
    expect(loadConfig({ DATA_DIR: 'memory://', S3_URL: `https://AK:${encoded}@host/bucket` }).s3?.bucket).toBe(
      'bucket',
    );
  });
});
