/** Signs in over HTTP and returns the headers a cookie session needs for reads and writes. */
export async function signIn(
  url: string,
  workspace: string,
  login: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workspace': workspace },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': me.csrfToken };
}

export async function getJson<T>(url: string, path: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
