/**
 * The dashboard's API client: JSON over fetch with the bearer token, problem+json errors
 * turned into ApiError (status, detail and the field at fault).
 */

const KEY = 'aios.token';

export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly code: string | undefined;
  constructor(status: number, detail: string, field?: string, code?: string) {
    super(detail);
    this.status = status;
    this.field = field;
    this.code = code;
  }
}

export function token(): string {
  return sessionStorage.getItem(KEY) ?? '';
}

export function setToken(value: string): void {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let problem: { detail?: string; field?: string; code?: string } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, problem.detail ?? response.statusText, problem.field, problem.code);
  }
  return (await response.json()) as T;
}

/**
 * Logs in with what the user has: the URL aios up printed (#login=CODE), a bare login code, or
 * a capability token (aios1.…). Resolves with the token's rights.
 */
export async function login(input: string): Promise<string[]> {
  const text = input.trim();
  const fromUrl = /[#&?]login=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!fromUrl && text.startsWith('aios1.')) {
    setToken(text);
    await api('GET', '/v1/system');
    return [];
  }
  const response = await fetch('/v1/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: fromUrl ?? text }),
  });
  const result = (await response.json()) as { token?: string; rights?: string[]; detail?: string };
  if (!response.ok || !result.token) throw new ApiError(response.status, result.detail ?? 'Login failed');
  setToken(result.token);
  return result.rights ?? [];
}
