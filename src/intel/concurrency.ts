/**
 * How many requests one provider and model may have in flight, learnt by AIMD from what it
 * answers: slow start until the first sign of overload (doubling per round trip, or +1 per
 * admission at the limit for a provider that states its limits in headers); a 429 for
 * concurrency cuts the limit to what the provider had just admitted; for a provider that
 * never refuses, a smoothed latency per generated token past LLM_LATENCY_TOLERANCE times the
 * best seen cuts it by a tenth; at most one cut per round trip; successes at the limit raise
 * it, slowly near where it last failed. The state of one key, and the rules that move it;
 * CapacityLearner (capacity.ts) applies them as answers come in.
 *
 * @example
 * const k = newKeyState('local/qwen');
 * if (grow(k)) tell(); // the whole limit moved
 */
import { PARAMS } from '../kernel/params.ts';
import { SlotQueue } from './slot-queue.ts';

/** One provider and model, as learnt so far. */
export interface KeyCapacity {
  key: string;
  /** Requests it may have in flight (the whole part counts). */
  limit: number;
  inFlight: number;
  /** Concurrency at which it last refused (429); Infinity before any. */
  ceiling: number;
  /** Nothing is sent before this (learner time), as its Retry-After asked. */
  notBefore: number;
  tokensPerMinute: number | undefined;
  /**
   * Tokens per second it refills, from what its headers say is missing and how long until
   * it is full again (a scale-free reading: it holds whatever "minute" the provider means).
   */
  tokensPerSec: number | undefined;
  rateLimited: number;
  slowdowns: number;
  /** Requests in flight it stopped for more urgent ones waiting for a slot. */
  preemptions: number;
}

/** A request in flight, as the learner and its slot queue see it. */
export interface Permit {
  readonly key: string;
  /** learner time when it was sent, and how many of ours were in flight then (itself included). */
  readonly sentAt: number;
  readonly inFlight: number;
  /** Tokens it was charged at admission (prompt estimate + max tokens). */
  readonly cost: number;
  done: boolean;
  /** The provider accepted it (see CapacityLearner.admitted()). */
  admitted?: boolean;
  /** Its caller's class rank (lower is more urgent) and how to stop it for a more urgent one. */
  readonly rank: number;
  readonly preempt?: () => void;
  preempted?: boolean;
  /** Sent into the slot of one we hung up on (see CapacityLearner.released()). */
  readonly afterHangUp?: boolean;
}

export interface KeyState extends Omit<KeyCapacity, 'preemptions'> {
  lastCutAt: number;
  /** Refusals in a row at the same ceiling: each halves how fast the limit creeps back to it. */
  probes: number;
  /** It states rate limits in its headers (see CapacityLearner.admitted()). */
  advertises: boolean;
  /** Ms per token of cost (prompt + max tokens) from send to answer, smoothed. */
  msPerCost: number | undefined;
  /** Requests in flight that the provider admitted. */
  admittedInFlight: number;
  /** Requests we hung up on whose slot the next sent may find still taken (see released()). */
  hangUps: number;
  /** Who waits for its slot, and its requests in flight. */
  queue: SlotQueue<Permit>;
  /** Until the first cut the limit doubles each round trip (slow start). */
  slowStart: boolean;
  /** Ms per generated token, smoothed: one sample is as noisy as the machine it ran on. */
  msPerToken: number | undefined;
  samples: number;
  /** Fewest ms per token of one answer, drifting up slowly so an old record fades. */
  bestMsPerToken: number;
}

/** Added per success at the limit while there is room below the ceiling (divided by the limit). */
const STEP = 1;
/** The same near or above the ceiling: probe again only after about ten rounds. */
const PROBE_STEP = 0.1;
/**
 * Most halvings of PROBE_STEP: once the same ceiling has refused again and again, a probe
 * comes every 160 rounds or so, still often enough to find a provider that can serve more.
 */
const PROBE_BACKOFF_MAX = 4;
/** A latency cut keeps this share of the limit. */
const LATENCY_CUT = 0.9;
/** Latency samples before latency is judged at all (the first ones include warming up). */
const MIN_SAMPLES = 16;
/** Weight of a new latency sample in the smoothed one. */
export const SMOOTHING = 0.2;
/** A 429 with fewer than this share of the limit in flight is not a concurrency reading (see cutForRefusal). */
const ABANDONED_SHARE = 0.5;
/** The best latency seen relaxes by this factor per sample. */
const BEST_DRIFT = 1.001;

export function newKeyState(key: string): KeyState {
  return {
    key,
    limit: PARAMS.LLM_SLOTS_START,
    inFlight: 0,
    ceiling: Infinity,
    notBefore: 0,
    tokensPerMinute: undefined,
    tokensPerSec: undefined,
    rateLimited: 0,
    slowdowns: 0,
    lastCutAt: -Infinity,
    probes: 0,
    advertises: false,
    msPerCost: undefined,
    hangUps: 0,
    admittedInFlight: 0,
    queue: new SlotQueue<Permit>(),
    slowStart: true,
    msPerToken: undefined,
    samples: 0,
    bestMsPerToken: Infinity,
  };
}

/**
 * One step up: +1 per answer or admission at the limit in slow start, then AIMD's additive
 * step. True when the whole limit moved (the kernel must hear of it).
 */
export function grow(k: KeyState): boolean {
  const before = Math.floor(k.limit);
  if (k.slowStart) k.limit += 1;
  else {
    const probe = PROBE_STEP / 2 ** Math.min(k.probes, PROBE_BACKOFF_MAX);
    k.limit += (k.limit + 1 < k.ceiling ? STEP : probe) / k.limit;
  }
  k.limit = Math.min(k.limit, PARAMS.LLM_SLOTS_MAX);
  // Past the level it refused without a refusal: that refusal is old news. (One answer with
  // that many of ours in flight is not: our count runs ahead of the provider's, which frees
  // a slot before we read the end of its answer.)
  if (Math.floor(k.limit) > k.ceiling) k.probes = 0;
  return Math.floor(k.limit) !== before;
}

/**
 * A latency sample of one answer (ms per generated token) from a provider that never refused
 * and states no limits: one that answers 429 (or says in its headers that it would) says when
 * it is full, and its latency moves with this machine's load as much as with its own. True
 * when it cut the limit: slower than it can be, more in flight only queues at the provider.
 */
export function cutForLatency(k: KeyState, sample: number | undefined, sentAt: number, now: number): boolean {
  if (k.rateLimited > 0 || k.advertises || sample === undefined || !Number.isFinite(sample) || sample <= 0) {
    return false;
  }
  k.msPerToken = k.msPerToken === undefined ? sample : k.msPerToken * (1 - SMOOTHING) + sample * SMOOTHING;
  k.bestMsPerToken = Math.min(k.bestMsPerToken * BEST_DRIFT, sample);
  k.samples++;
  if (
    k.samples < MIN_SAMPLES ||
    k.msPerToken <= k.bestMsPerToken * PARAMS.LLM_LATENCY_TOLERANCE ||
    sentAt < k.lastCutAt
  ) {
    return false;
  }
  k.limit = Math.max(1, k.limit * LATENCY_CUT);
  k.slowStart = false;
  k.lastCutAt = now;
  k.slowdowns++;
  return true;
}

/**
 * A 429 for concurrency, for a request sent with `inFlight` of ours at the provider: the limit
 * drops to what the provider had just admitted, once per round trip. Refused with far fewer
 * of ours in flight than it has served, our count was not the provider's (a request we
 * abandoned, preempted or cancelled holds its slot until the provider notices the hang-up),
 * so the refusal says little of its concurrency: a quarter off only.
 */
export function cutForRefusal(k: KeyState, inFlight: number, now: number): void {
  const admitted = Math.max(1, inFlight - 1);
  k.limit =
    admitted < k.limit * ABANDONED_SHARE
      ? Math.max(1, k.limit * 0.75)
      : admitted < k.limit
        ? admitted
        : Math.max(1, k.limit * 0.75);
  const ceiling = Math.max(admitted + 1, Math.floor(k.limit) + 1);
  // Refused again where it refused before: its limit is known, probing it costs a 429 each
  // time, so the next probe comes half as often.
  k.probes = ceiling === k.ceiling ? k.probes + 1 : 0;
  k.ceiling = ceiling;
  k.slowStart = false;
  k.lastCutAt = now;
}
