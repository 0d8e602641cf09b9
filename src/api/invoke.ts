/**
 * One API call made as a given caller, whatever carries it: Hono's app.request in process, the
 * owner's Unix socket, or fetch against a base URL. MCP's tools and the CLI's service commands
 * call the API through it, so each call has the route's validation, authority and error shape.
 *
 * @example
 * const invoke = invokeVia((path, init) => app.request(path, init), `Bearer ${token}`);
 * const { status, body } = await invoke('GET', '/v1/system');
 */

/** One API call as the caller: resolves with the status and the parsed JSON body. */
export type Invoke = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/** An Invoke over a fetch-like function (Hono's app.request, or fetch against a base URL). */
export function invokeVia(
  request: (path: string, init: RequestInit) => Response | Promise<Response>,
  authorization?: string,
): Invoke {
  return async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = { detail: text };
    }
    return { status: response.status, body: parsed };
  };
}
