/**
 * A service's rate bound: a token bucket per caller. A write waits for its token instead of
 * failing, so a caller that floods a service is slowed to the pace (its calls queue on its own
 * connection, then its sends block) while other callers' requests are served between its writes.
 *
 * @example
 * const pace = new Pace({ perSec: 100, burst: 200, keep: 10_000 });
 * await pace.admit('agent/flood');   // resolves at once, or when the bucket has a token again
 */
export class Pace {
  readonly #perSec: number;
  readonly #burst: number;
  readonly #keep: number;
  readonly #now: () => number;
  /** Tokens left and when they were counted, by caller; a Map keeps insertion (≈ idle) order. */
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: { perSec: number; burst: number; keep: number; now?: () => number }) {
    this.#perSec = options.perSec;
    this.#burst = options.burst;
    this.#keep = options.keep;
    this.#now = options.now ?? Date.now;
  }

  /** Resolves when `who` may make one more write. */
  async admit(who: string): Promise<void> {
    for (;;) {
      const wait = this.#take(who);
      if (wait === 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Takes a token and returns 0, or returns the ms until one is there. */
  #take(who: string): number {
    const now = this.#now();
    const bucket = this.#buckets.get(who) ?? { tokens: this.#burst, at: now };
    this.#buckets.delete(who);
    this.#buckets.set(who, bucket);
    if (this.#buckets.size > this.#keep) this.#buckets.delete(this.#buckets.keys().next().value!);
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) * this.#perSec) / 1000);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / this.#perSec);
  }
}
