/**
 * Retry budgets, so that retries cannot multiply load on a struggling provider.
 *
 * - RetryBudget (process-wide, Finagle's scheme): over a sliding window, retries may be at
 *   most `ratio` of requests, with a floor of `minPerWindow` so a quiet process can still retry.
 * - AttemptBudget (per translation): a fixed number of retries shared by every model of the
 *   cascade, and a deadline for the whole translation. Together they bound every request loop.
 *
 * @example
 * const budget = new RetryBudget();
 * budget.request();
 * if (budget.tryRetry()) { ...retry... }
 */

export class RetryBudget {
  readonly #ratio: number;
  readonly #min: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #requests: number[] = [];
  readonly #retries: number[] = [];

  constructor(
    options: { ratio?: number; minPerWindow?: number; windowMs?: number } = {},
    now: () => number = () => performance.now(),
  ) {
    this.#ratio = options.ratio ?? 0.2;
    this.#min = options.minPerWindow ?? 3;
    this.#windowMs = options.windowMs ?? 10_000;
    this.#now = now;
  }

  /** Notes a first attempt. */
  request(): void {
    this.#requests.push(this.#now());
    this.#prune();
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryRetry(): boolean {
    this.#prune();
    const allowed = Math.max(this.#min, Math.floor(this.#ratio * this.#requests.length));
    if (this.#retries.length >= allowed) return false;
    this.#retries.push(this.#now());
    return true;
  }

  #prune(): void {
    const cutoff = this.#now() - this.#windowMs;
    while (this.#requests.length && this.#requests[0] < cutoff) this.#requests.shift();
    while (this.#retries.length && this.#retries[0] < cutoff) this.#retries.shift();
  }
}

export class AttemptBudget {
  #retriesLeft: number;
  readonly deadline: number;
  readonly #now: () => number;

  constructor(retries: number, timeoutMs: number, now: () => number = () => performance.now()) {
    this.#retriesLeft = retries;
    this.#now = now;
    this.deadline = now() + timeoutMs;
  }

  get retriesLeft(): number {
    return this.#retriesLeft;
  }

  /** Milliseconds left before the deadline (never negative). */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.#now());
  }

  takeRetry(): boolean {
    if (this.#retriesLeft <= 0 || this.remainingMs() === 0) return false;
    this.#retriesLeft--;
    return true;
  }
}
