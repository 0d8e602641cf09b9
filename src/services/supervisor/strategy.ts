/**
 * Restart strategies: which children a failure touches.
 *   one_for_one   only the failed child is restarted
 *   one_for_all   every child is stopped and all are restarted
 *   rest_for_one  the failed child and every child started after it
 * Siblings are stopped in reverse start order, then everything is started again in order.
 *
 * @example
 * plan('rest_for_one', ['db', 'cache', 'api'], 'cache');
 * // { stop: ['api'], start: ['cache', 'api'] }
 */
import type { Strategy } from './child-spec.ts';

export interface RestartPlan {
  /** Running siblings to stop first, last-started first. */
  stop: string[];
  /** Children to start again, in start order (the failed one included). */
  start: string[];
}

export function plan(strategy: Strategy, order: readonly string[], failed: string): RestartPlan {
  const at = order.indexOf(failed);
  if (at < 0) throw new RangeError(`'${failed}' is not one of the children`);
  const touched =
    strategy === 'one_for_one' ? [failed] : strategy === 'one_for_all' ? order : order.slice(at);
  return {
    stop: touched.filter((id) => id !== failed).reverse(),
    start: [...touched],
  };
}
