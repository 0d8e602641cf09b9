/**
 * Scores a router on a labelled set: a message is right when it goes to its handler, or, for a
 * message no handler should take, when the router refuses it. Used by the tests and by
 * bench/intents.bench.ts.
 *
 * @example
 * const r = await evaluate(router, DEV);
 * r.accuracy;   // share of messages routed (or refused) right
 */
import { IntentError } from '../errors.ts';
import type { IntentRouter } from '../router.ts';
import type { Labelled } from './labelled.ts';

export interface Miss {
  text: string;
  expected: string | null;
  got: string | null;
  score: number;
}

export interface Evaluation {
  messages: number;
  right: number;
  accuracy: number;
  /** Of the messages a handler should take: routed to it. */
  routed: { right: number; of: number };
  /** Of the messages nobody should take: refused. */
  refused: { right: number; of: number };
  misses: Miss[];
}

export async function evaluate(router: IntentRouter, set: readonly Labelled[]): Promise<Evaluation> {
  const misses: Miss[] = [];
  let routedRight = 0;
  let refusedRight = 0;
  let routable = 0;
  for (const { text, handler } of set) {
    if (handler !== null) routable++;
    let got: string | null = null;
    let score = 0;
    try {
      const route = await router.route({ intent: text });
      got = route.handler;
      score = route.score;
    } catch (err) {
      if (!(err instanceof IntentError) || err.code !== 'E_NOT_FOUND') throw err;
      score = (await router.score({ intent: text }))[0]?.score ?? 0;
    }
    if (got === handler) {
      if (handler === null) refusedRight++;
      else routedRight++;
    } else misses.push({ text, expected: handler, got, score });
  }
  const right = routedRight + refusedRight;
  return {
    messages: set.length,
    right,
    accuracy: set.length > 0 ? right / set.length : 0,
    routed: { right: routedRight, of: routable },
    refused: { right: refusedRight, of: set.length - routable },
    misses,
  };
}
