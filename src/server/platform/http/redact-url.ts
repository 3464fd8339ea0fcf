const SECRET_PARAMS = /^(token|code|password|secret|key|signature)$/i;

/** A path segment that is itself a secret: the satisfaction survey's link token (K5). */
const SECRET_PATH = /(\/csat\/)[^/?#]+/;

/** Replaces the values of secret-looking query parameters (and secret path segments), for logs. */
export function redactUrl(raw: string): string {
  const url = raw.replace(SECRET_PATH, '$1redacted');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (SECRET_PARAMS.test(key)) {
      params.set(key, 'redacted');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}
