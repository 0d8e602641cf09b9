/**
 * The dashboard's calls to memoryd over the HTTP API, by the convention every service route
 * follows: an operation of access `read` is `GET /v1/memory/{op}` with its arguments in the
 * query string (an array as repeated keys), any other is `POST /v1/memory/{op}` with a JSON body.
 *
 * @example
 * const { hits } = await memory('search', { query: 'who runs the audit', mode: 'hybrid' });
 */
import { ApiError, api, token } from './api.ts';
import type { MemoryOps } from './types.ts';

/** The operations of access `read` in memoryd's declaration (src/services/memoryd/ops.ts). */
const READ_OPS: ReadonlySet<keyof MemoryOps> = new Set([
  'namespaces',
  'search',
  'history',
  'graph',
  'blocks',
]);

export function memory<K extends keyof MemoryOps>(
  op: K,
  args: MemoryOps[K]['args'],
): Promise<MemoryOps[K]['result']> {
  if (!READ_OPS.has(op)) return api('POST', `/v1/memory/${op}`, args);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const qs = query.toString();
  return api('GET', `/v1/memory/${op}${qs ? `?${qs}` : ''}`);
}

/** Most hits one search may ask for (memoryd's MEMORY_LIMITS.SEARCH_LIMIT_MAX). */
export const SEARCH_LIMIT_MAX = 100;

/** How long the panel waits before asking again while memoryd starts. */
export const RETRY_STARTING_MS = 2000;

/**
 * Who this dashboard is to memoryd: a bearer token's session is the agent `token/<token id>`
 * and its own namespace `agent/token/<token id>` (src/runtime/service-doors.ts,
 * src/services/memoryd/service.ts). The id is in the token's claims, which the page holds
 * (`aios1.<base64url claims>.<signature>`); undefined if the token is not of that form.
 */
export function session(text = token()): { agent: string; namespace: string } | undefined {
  const claims = text.split('.')[1];
  if (!text.startsWith('aios1.') || !claims) return undefined;
  try {
    const json = atob(claims.replace(/-/g, '+').replace(/_/g, '/'));
    const { tokenId } = JSON.parse(json) as { tokenId?: unknown };
    if (typeof tokenId !== 'string' || !/^[0-9a-f]+$/.test(tokenId)) return undefined;
    return { agent: `token/${tokenId}`, namespace: `agent/token/${tokenId}` };
  } catch {
    return undefined;
  }
}

/**
 * One line a person can act on for a failed memory call: which namespace is not held and the
 * command that shares it (403), that memoryd is still starting (503), or what the server said.
 */
export function explain(
  error: unknown,
  namespace: string | undefined,
  need: 'read' | 'write' = 'read',
): string {
  if (!(error instanceof ApiError)) {
    return `Could not reach aios (${(error as Error).message}); check that aios up is still running`;
  }
  if (error.status === 403) {
    const me = session();
    if (!me || !namespace)
      return `${error.message}; ask the namespace's owner to share it (aios memory share)`;
    return `This session (${me.agent}) may not ${need} namespace '${namespace}'; its owner can share it: aios memory share ${me.agent} ${need} --namespace ${namespace}`;
  }
  if (error.status === 503) return `memoryd is starting; it answers in a few seconds (${error.message})`;
  if (error.status === 404 && error.code === undefined && error.message.startsWith('No route')) {
    return 'This aios serves no memory routes; update aios and start it again with aios up';
  }
  return error.message;
}

/** A starting memoryd answers 503: worth asking again by itself. */
export function isStarting(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503;
}
