/** Where uploaded files go when S3_URL is set: one bucket of an S3-compatible service. */
export interface S3Config {
  /** `http(s)://host[:port]`: requests go to `<endpoint>/<bucket>/<key>` (path-style). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export const S3_URL_FORM = 'https://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[?region=REGION], keys URL-encoded';

// S3's own rule is 3-63 lower-case letters, digits, dots and hyphens; older buckets and some
// services also allow capitals and underscores, which the path-style address carries as they are.
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Reads S3_URL. The messages never repeat the value: it holds the secret key. Keys are
 * URL-encoded in the URL (a secret key often holds `/` or `+`: `%2F`, `%2B`).
 */
export function parseS3Url(value: string): { config: S3Config } | { error: string } {
  const fail = (why: string) => ({ error: `${why} (expected ${S3_URL_FORM})` });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('must start with https:// or http://');
  if (!url.username || !url.password) return fail('must hold the access key and the secret key');
  let accessKeyId: string, secretAccessKey: string;
  try {
    accessKeyId = decodeURIComponent(url.username);
    secretAccessKey = decodeURIComponent(url.password);
  } catch {
    return fail('has a badly encoded access or secret key');
  }
  const path = url.pathname.replace(/\/$/, '').split('/').slice(1);
  if (path.length !== 1 || !path[0]) return fail('must name the bucket as its only path');
  const bucket = decodeURIComponent(path[0]);
  if (!BUCKET.test(bucket)) return fail('names a bucket that is not a valid bucket name');
  if (url.hash) return fail('must not have a #fragment');
  const params = [...url.searchParams.keys()];
  const unknown = params.filter((k) => k !== 'region');
  if (unknown.length) return fail(`has an unknown parameter "${unknown[0]}"`);
  const region = url.searchParams.get('region') ?? 'us-east-1';
  if (!REGION.test(region)) return fail('has a region that is not a region name, e.g. us-east-1');
  return { config: { endpoint: url.origin, bucket, region, accessKeyId, secretAccessKey } };
}
