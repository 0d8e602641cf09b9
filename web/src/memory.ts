/**
 * The dashboard's calls to memoryd over the HTTP API, by the convention every service route
 * follows: an operation of access `read` is `GET /v1/memory/{op}` with its arguments in the
 * query string (an array as repeated keys), any other is `POST /v1/memory/{op}` with a JSON body.
 *
 * @example
 * const { hits } = await memory('search', { query: 'who runs the audit', mode: 'hybrid' });
 */
import { ApiError, api } from './api.ts';
import type { MemoryOps } from './types.ts';

/** The operations of access `read` in memoryd's declaration (src/services/memoryd/ops.ts). */
const READ_OPS: ReadonlySet<keyof MemoryOps> = new Set(['namespaces', 'search', 'history', 'graph']);

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
 * One line a person can act on for a failed memory call: which namespace is not held (403),
 * that memoryd is still starting (503), or what the server said.
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
    const where = namespace ? `namespace '${namespace}'` : 'its own namespace';
    const share = namespace ? ` (aios memory share AGENT ${need} --namespace ${namespace})` : '';
    return `This session may not ${need} ${where}: ${error.message}; ask its owner to share it${share}, or log in with the URL aios up printed`;
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
