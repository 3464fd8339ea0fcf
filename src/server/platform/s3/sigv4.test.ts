import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, EMPTY_SHA256, signRequest, uriEncode } from './sigv4';

// The examples of AWS's "Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk" (S3 API reference): the signatures below are the published ones.
const creds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const now = new Date('2013-05-24T00:00:00Z');
const host = 'examplebucket.s3.amazonaws.com';
const scope = 'Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';

describe('SigV4 (AWS published examples)', () => {
  it('GET Object with a Range header', () => {
    const h = signRequest(
      { method: 'GET', path: '/test.txt', headers: { Range: 'bytes=0-9' }, host, payloadHash: EMPTY_SHA256, now },
      creds,
    );
    expect(h.authorization).toBe(
      `AWS4-HMAC-SHA256 ${scope}, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ` +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(h).toMatchObject({ host, 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_SHA256 });
  });

  it('PUT Object with a signed payload, a Date header and a key that needs encoding', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = createHash('sha256').update(body).digest('hex');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const h = signRequest(
      {
        method: 'PUT',
        path: `/${uriEncode('test$file.text')}`,
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        host,
        payloadHash,
        now,
      },
      creds,
    );
    expect(h.authorization).toContain('SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class');
    expect(h.authorization).toContain('Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket lifecycle: a query parameter without a value', () => {
    const h = signRequest(
      { method: 'GET', path: '/', query: { lifecycle: '' }, host, payloadHash: EMPTY_SHA256, now },
      creds,
    );
    expect(h.authorization).toContain('Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  it('GET Bucket (list objects): query parameters sorted by name', () => {
    const h = signRequest(
      { method: 'GET', path: '/', query: { prefix: 'J', 'max-keys': '2' }, host, payloadHash: EMPTY_SHA256, now },
      creds,
    );
    expect(h.authorization).toContain('Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });
});

describe('encoding', () => {
  it('encodes every byte outside the unreserved set, in upper-case hex', () => {
    expect(uriEncode("a b!'()*~._-ü/")).toBe('a%20b%21%27%28%29%2A~._-%C3%BC%2F');
  });

  it('sorts the query by encoded name and keeps empty values as name=', () => {
    expect(canonicalQuery({ uploadId: 'x/y', partNumber: '2', uploads: '' })).toBe(
      'partNumber=2&uploadId=x%2Fy&uploads=',
    );
  });
});
