/**
 * What each LLM provider can really serve, learnt from what it answers, never assumed. Per
 * provider and model: a concurrency limit found by AIMD (concurrency.ts); the Retry-After it
 * gave, before which nothing is sent to it; and its token budget from the x-ratelimit-* (or
 * anthropic-ratelimit-*) headers (token-budget.ts). Requests wait here, in class order, for a
 * slot within the limit (slot-queue.ts). The sum is handed to the kernel's scheduler as the
 * llm resource's slots and token rate (onChange), which queues by class, deadline and
 * weight; the per-key permits here only split that among models.
 *
 * @example
 * const capacity = new CapacityLearner({ onChange: (c) => broker.resize('llm', c) });
 * const permit = await capacity.acquire('local/qwen', 300, { signal, rank: 2 });
 * capacity.success(permit, { msPerToken: 12, limits }); // or rateLimited(...) / released(...)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PARAMS } from '../kernel/params.ts';
import {
  cutForLatency,
  cutForRefusal,
  grow,
  type KeyCapacity,
  type KeyState,
  newKeyState,
  type Permit,
  SMOOTHING,
} from './concurrency.ts';
import type { RateLimits } from './providers/types.ts';
import { learnBudget, roundRate, sameRate } from './token-budget.ts';

export type { KeyCapacity, Permit } from './concurrency.ts';

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

/** The kernel gets one slot more than the learnt limit per this many (see capacity()). */
const PIPELINE = 4;

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
    if (cutForLatency(k, observed.msPerToken, permit.sentAt, this.#now())) {
      this.#tell();
      return;
    }
    if (permit.inFlight < Math.floor(k.limit)) return; // the limit was not what held it back
    if (k.slowStart && k.advertises) return; // admissions drive slow start (admitted())
    if (grow(k)) this.#tell();
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
    if (grow(k)) this.#tell();
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
    cutForRefusal(k, permit.inFlight, now);
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
    return { slots, ratePerSec: roundRate(ratePerSec), burst };
  }

  #state(key: string): KeyState {
    let k = this.#keys.get(key);
    if (!k) {
      k = newKeyState(key);
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
    if (!learnBudget(k, limits)) return;
    this.#tell();
    // Refused for its token budget: the kernel's bucket holds no more than the provider has.
    if (short && limits?.remainingTokens !== undefined) this.#tell(limits.remainingTokens);
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
