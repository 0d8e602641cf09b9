/**
 * What each LLM provider can really serve, learnt from what it answers, never assumed. Per
 * provider and model: a concurrency limit found by AIMD (slow start until the first sign of
 * overload; a 429 for concurrency cuts the limit to what the provider had just admitted; for a
 * provider that never refuses, a smoothed latency per generated token past
 * LLM_LATENCY_TOLERANCE times the best seen cuts it by a tenth; at most one cut per round trip; successes at the limit raise it, slowly near where it
 * last failed); the Retry-After it gave, before which nothing is sent to it; and its token
 * budget from the x-ratelimit-* (or anthropic-ratelimit-*) headers. The sum is handed to the
 * kernel's scheduler as the llm resource's slots and token rate (onChange), which queues by
 * class, deadline and weight; the per-key permits here only split that among models.
 *
 * @example
 * const capacity = new CapacityLearner({ onChange: (c) => broker.resize('llm', c) });
 * const permit = await capacity.acquire('local/qwen', 300, { signal, rank: 2 });
 * capacity.success(permit, { msPerToken: 12, limits }); // or rateLimited(...) / released(...)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PARAMS } from '../kernel/params.ts';
import type { RateLimits } from './providers/types.ts';
import { SlotQueue } from './slot-queue.ts';

/** What the kernel's llm resource is given: slots, and a token rate when the provider has one. */
export interface LlmCapacity {
  slots: number;
  /** Tokens per second; null for no limit known. */
  ratePerSec: number | null;
  /** The bucket: a minute of the provider's token budget. */
  burst?: number;
  /** What the provider said is left, when that is less than the kernel's bucket holds. */
  tokens?: number;
}

export interface Permit {
  readonly key: string;
  /** learner time when it was sent, and how many of ours were in flight then (itself included). */
  readonly sentAt: number;
  readonly inFlight: number;
  /** Tokens it was charged at admission (prompt estimate + max tokens). */
  readonly cost: number;
  done: boolean;
  /** The provider accepted it (see admitted()). */
  admitted?: boolean;
  /** Its caller's class rank (lower is more urgent) and how to stop it for a more urgent one. */
  readonly rank: number;
  readonly preempt?: () => void;
  preempted?: boolean;
  /** Sent into the slot of one we hung up on (see released()). */
  readonly afterHangUp?: boolean;
}

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

interface KeyState extends Omit<KeyCapacity, 'preemptions'> {
  lastCutAt: number;
  /** Refusals in a row at the same ceiling: each halves how fast the limit creeps back to it. */
  probes: number;
  /** It states rate limits in its headers (see admitted()). */
  advertises: boolean;
  /** Ms per token of cost (prompt + max tokens) from send to answer, smoothed. */
  msPerCost: number | undefined;
  /** Requests in flight that the provider admitted (see admitted()). */
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
/** The kernel gets one slot more than the learnt limit per this many (see capacity()). */
const PIPELINE = 4;
/** Latency samples before latency is judged at all (the first ones include warming up). */
const MIN_SAMPLES = 16;
/** Weight of a new latency sample in the smoothed one. */
const SMOOTHING = 0.2;
/** A 429 with fewer than this share of the limit in flight is not a concurrency reading (see rateLimited). */
const ABANDONED_SHARE = 0.5;
/** A rate reading within this share of the last one told is not news (see sameRate). */
const RATE_NOISE = 0.05;
/** The best latency seen relaxes by this factor per sample. */
const BEST_DRIFT = 1.001;

export class CapacityLearner {
  readonly #keys = new Map<string, KeyState>();
  readonly #onChange: ((c: LlmCapacity) => void) | undefined;
  readonly #now: () => number;
  #told: LlmCapacity | undefined;

  constructor(options: { onChange?: (c: LlmCapacity) => void; now?: () => number } = {}) {
    this.#onChange = options.onChange;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Waits until a request to `key` may be sent: not before its Retry-After, and within its
   * learnt concurrency. Throws the signal's reason if it aborts while waiting. When several
   * wait, the lowest `rank` goes first (the kernel's class: a real-time request granted a
   * slot must not queue here behind batch ones), then the first to come. A request that has
   * waited about as long as its own answer takes (its cost at the provider's learnt speed)
   * while a less urgent one holds a slot preempts that one (the last sent: it has generated
   * least), so an interactive request does not wait out a long batch generation.
   */
  async acquire(
    key: string,
    cost: number,
    o: { signal?: AbortSignal; rank?: number; preempt?: () => void } = {},
  ): Promise<Permit> {
    const { signal, rank = 0, preempt } = o;
    const k = this.#state(key);
    for (let turn = 0; ; turn++) {
      signal?.throwIfAborted();
      const wait = k.notBefore - this.#now();
      if (wait > 0) {
        await sleep(wait, undefined, { signal });
        continue;
      }
      if (k.inFlight < Math.max(1, Math.floor(k.limit)) || turn > 10_000) break;
      // Bounded by about as long as its own answer will take (its cost at the learnt speed).
      await k.queue.wait(rank, k.msPerCost === undefined ? undefined : cost * k.msPerCost, signal);
    }
    k.inFlight++;
    const afterHangUp = k.hangUps > 0;
    if (afterHangUp) k.hangUps--;
    const permit: Permit = {
      afterHangUp,
      key,
      sentAt: this.#now(),
      inFlight: k.inFlight,
      cost,
      done: false,
      rank,
      preempt,
    };
    k.queue.running.add(permit);
    return permit;
  }

  /** The request was answered: its latency and the provider's headers teach the limits. */
  success(permit: Permit, observed: { msPerToken?: number; limits?: RateLimits }): void {
    const k = this.#release(permit);
    if (!k) return;
    this.#learnBudget(k, observed.limits);
    const perCost = (this.#now() - permit.sentAt) / Math.max(1, permit.cost);
    k.msPerCost = k.msPerCost === undefined ? perCost : k.msPerCost * (1 - SMOOTHING) + perCost * SMOOTHING;
    const sample = observed.msPerToken;
    // Latency speaks only for a provider that never refused and states no limits: one that
    // answers 429 (or says in its headers that it would) says when it is full, and its latency
    // moves with this machine's load as much as with its own.
    if (
      k.rateLimited === 0 &&
      !k.advertises &&
      sample !== undefined &&
      Number.isFinite(sample) &&
      sample > 0
    ) {
      k.msPerToken =
        k.msPerToken === undefined ? sample : k.msPerToken * (1 - SMOOTHING) + sample * SMOOTHING;
      k.bestMsPerToken = Math.min(k.bestMsPerToken * BEST_DRIFT, sample);
      k.samples++;
      if (
        k.samples >= MIN_SAMPLES &&
        k.msPerToken > k.bestMsPerToken * PARAMS.LLM_LATENCY_TOLERANCE &&
        permit.sentAt >= k.lastCutAt
      ) {
        // Slower than it can be: more in flight only queues at the provider.
        k.limit = Math.max(1, k.limit * LATENCY_CUT);
        k.slowStart = false;
        k.lastCutAt = this.#now();
        k.slowdowns++;
        this.#tell();
        return;
      }
    }
    if (permit.inFlight < Math.floor(k.limit)) return; // the limit was not what held it back
    if (k.slowStart && k.advertises) return; // admissions drive slow start (admitted())
    this.#grow(k);
  }

  /**
   * The provider accepted the request (a 2xx status, before its answer). One that states its
   * rate limits in headers (a hosted API: it refuses with 429 when full rather than slowing
   * down) raises the limit in slow start on this, so the ramp takes round trips of response
   * headers rather than of whole answers, a generation being many times longer. A
   * provider that states none may be a local server that slows down instead: its ramp waits
   * for answers, whose latency tells when to stop.
   */
  admitted(permit: Permit, limits?: RateLimits): void {
    if (permit.done || permit.admitted) return;
    permit.admitted = true;
    const k = this.#keys.get(permit.key);
    if (!k) return;
    if (limits !== undefined) {
      k.advertises = true;
      this.#learnBudget(k, limits);
    }
    k.admittedInFlight++;
    // Only when the provider holds as many of ours as the limit (not merely that many sent:
    // those past its slots are being refused), so the ramp stops one above its slots.
    if (!k.slowStart || !k.advertises || k.admittedInFlight < Math.floor(k.limit)) return;
    this.#grow(k);
  }

  /** One step up: +1 per answer or admission at the limit in slow start, then AIMD's additive step. */
  #grow(k: KeyState): void {
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
    if (Math.floor(k.limit) !== before) this.#tell();
  }

  /**
   * The provider answered 429: back-pressure, not failure. Nothing goes to it before its
   * Retry-After; when the refusal was for concurrency (not its token or request budget) the
   * limit drops to what it had just admitted.
   */
  rateLimited(permit: Permit, refusal: { retryAfterMs?: number; limits?: RateLimits }): void {
    const k = this.#release(permit);
    if (!k) return;
    k.rateLimited++;
    const now = this.#now();
    const l = refusal.limits;
    const budget =
      (l?.remainingTokens !== undefined && l.remainingTokens < permit.cost) || l?.remainingRequests === 0;
    // Refused for the slot of one we hung up on, which the provider had not yet seen go: its
    // Retry-After counts to the end of another answer, not to that slot's release, so the
    // request is sent again at once (once: a second refusal is an ordinary one).
    if (permit.afterHangUp && !budget) return;
    k.notBefore = Math.max(k.notBefore, now + (refusal.retryAfterMs ?? 0));
    this.#learnBudget(k, l, budget);
    if (budget || permit.sentAt < k.lastCutAt) return;
    const admitted = Math.max(1, permit.inFlight - 1);
    // Refused with far fewer of ours in flight than it has served: our count was not the
    // provider's (a request we abandoned, preempted or cancelled, holds its slot until the
    // provider notices the hang-up), so the refusal says little of its concurrency.
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
    this.#tell();
  }

  /**
   * The request ended otherwise (an error, an abort): its permit is free, nothing learnt.
   * `hungUp`: we stopped it mid-answer (preempted, cancelled); the provider holds its slot
   * until it notices, so a refusal of the request sent next in its place says nothing of
   * the provider's concurrency.
   */
  released(permit: Permit, o: { hungUp?: boolean } = {}): void {
    const k = this.#release(permit);
    if (k && o.hungUp) k.hangUps++;
  }

  /** Everything learnt, per provider and model. */
  snapshot(): KeyCapacity[] {
    return [...this.#keys.values()].map(
      ({
        key,
        limit,
        inFlight,
        ceiling,
        notBefore,
        tokensPerMinute,
        tokensPerSec,
        rateLimited,
        slowdowns,
        queue,
      }) => ({
        key,
        limit,
        inFlight,
        ceiling,
        notBefore,
        tokensPerMinute,
        tokensPerSec,
        rateLimited,
        slowdowns,
        preemptions: queue.preemptions,
      }),
    );
  }

  /** What the kernel's llm resource should have now. */
  capacity(): LlmCapacity {
    const keys = [...this.#keys.values()];
    if (keys.length === 0) return { slots: PARAMS.LLM_SLOTS_START, ratePerSec: null };
    // The kernel may grant a few more than the providers take: those wait at acquire() with
    // their host-side work done, and go the moment a provider's slot frees (a pipeline).
    const slots = keys.reduce((n, k) => {
      const limit = Math.max(1, Math.floor(k.limit));
      return n + limit + Math.ceil(limit / PIPELINE);
    }, 0);
    if (keys.some((k) => k.tokensPerMinute === undefined)) return { slots, ratePerSec: null };
    const burst = keys.reduce((n, k) => n + k.tokensPerMinute!, 0);
    const ratePerSec = keys.reduce((n, k) => n + (k.tokensPerSec ?? k.tokensPerMinute! / 60), 0);
    return { slots, ratePerSec: round(ratePerSec), burst };
  }

  #state(key: string): KeyState {
    let k = this.#keys.get(key);
    if (!k) {
      k = {
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
      this.#keys.set(key, k);
    }
    return k;
  }

  #release(permit: Permit): KeyState | undefined {
    if (permit.done) return undefined;
    permit.done = true;
    const k = this.#state(permit.key);
    k.inFlight--;
    if (permit.admitted) k.admittedInFlight--;
    k.queue.running.delete(permit);
    k.queue.wake(Math.max(1, Math.floor(k.limit)) - k.inFlight);
    return k;
  }

  #learnBudget(k: KeyState, limits: RateLimits | undefined, short = false): void {
    if (limits?.limitTokens === undefined) return;
    k.tokensPerMinute = limits.limitTokens;
    const missing = limits.limitTokens - (limits.remainingTokens ?? limits.limitTokens);
    // Only a reading over a good part of the budget: a few tokens over a few ms say little.
    if (
      limits.resetTokensMs !== undefined &&
      limits.resetTokensMs > 0 &&
      missing > limits.limitTokens / 100
    ) {
      k.tokensPerSec = (missing * 1000) / limits.resetTokensMs;
    }
    this.#tell();
    // Refused for its token budget: the kernel's bucket holds no more than the provider has.
    if (short && limits.remainingTokens !== undefined) this.#tell(limits.remainingTokens);
  }

  #tell(tokens?: number): void {
    if (!this.#onChange) return;
    const next = this.capacity();
    const t = this.#told;
    if (
      tokens === undefined &&
      t &&
      t.slots === next.slots &&
      sameRate(t.ratePerSec, next.ratePerSec) &&
      t.burst === next.burst
    ) {
      return;
    }
    this.#told = next;
    if (process.env.AIOS_DEBUG_CAPACITY)
      console.error('capacity', JSON.stringify(next), JSON.stringify(this.snapshot()));
    this.#onChange(tokens === undefined ? next : { ...next, tokens });
  }
}

/**
 * Whether the kernel need not hear of a new rate: each answer's headers give a slightly
 * different reading, and resizing the kernel's resource on every call cost the host more than
 * a rate within a few percent is worth.
 */
function sameRate(told: number | null, next: number | null): boolean {
  if (told === null || next === null) return told === next;
  return Math.abs(next - told) <= told * RATE_NOISE;
}

/** Three significant digits: a rate read from headers changes in noise, the kernel need not hear it. */
function round(n: number): number {
  return Number(n.toPrecision(3));
}
