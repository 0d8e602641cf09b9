/**
 * The dashboard's calls to the planner over the HTTP API, by the convention every service route
 * follows: an operation of access `read` is `GET /v1/plan/{op}` with its arguments in the query
 * string, any other is `POST /v1/plan/{op}` with a JSON body.
 *
 * @example
 * const { runs } = await plan('ls', {});
 */
import { ApiError, api } from './api.ts';
import type { PlanOps } from './types.ts';

/** The operations of access `read` in the planner's declaration (src/services/planner/ops.ts). */
const READ_OPS: ReadonlySet<keyof PlanOps> = new Set(['ls', 'show', 'checkpoints']);

/** How often the panel asks again while it is shown: a run moves on its own. */
export const PLAN_POLL_MS = 2000;

export function plan<K extends keyof PlanOps>(
  op: K,
  args: PlanOps[K]['args'],
): Promise<PlanOps[K]['result']> {
  if (!READ_OPS.has(op)) return api('POST', `/v1/plan/${op}`, args);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) if (value !== undefined) query.append(key, String(value));
  const qs = query.toString();
  return api('GET', `/v1/plan/${op}${qs ? `?${qs}` : ''}`);
}

/** One line a person can act on for a failed planner call. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return `Could not reach aios (${(error as Error).message}); check that aios up is still running`;
  }
  if (error.status === 503) return `The planner is starting; it answers in a few seconds (${error.message})`;
  if (error.status === 404 && error.code === undefined && error.message.startsWith('No route')) {
    return 'This aios serves no plan routes; update aios and start it again with aios up';
  }
  return error.message;
}

/**
 * The edited arguments from the panel's textarea: a JSON object, or one line saying what is
 * wrong with it. Empty text means no edit.
 */
export function parseArgs(text: string): { args?: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `The arguments are not valid JSON (${(e as Error).message}); fix them or clear the box` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      error: 'The arguments must be a JSON object such as {"content": "final"}; fix them or clear the box',
    };
  }
  return { args: value as Record<string, unknown> };
}

/** A value from a run (an argument or an output) as text to show; never markup. */
export function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
