/**
 * Readers waiting for a context's next event (the long poll behind `read({ waitMs })`). A waiter
 * is a timer and a callback, nothing buffered: a publish wakes every waiter of its context, each
 * reads the events itself from the database, so however slow a reader is, the service holds no
 * queue for it and the publisher never waits for it. At most SUBSCRIBERS_PER_CONTEXT wait on one
 * context at once.
 *
 * @example
 * await waiters.wait(ctx.id, 5000, 'plan'); // resolves at the next publish, a drop, or after 5 s
 * waiters.wake(ctx.id);                     // after a publish commits
 */
import { BusError } from './errors.ts';
import { BUS_LIMITS } from './limits.ts';

export class Waiters {
  readonly #byContext = new Map<number, Set<() => void>>();

  /** Resolves at the next wake of `context`, or after `ms`; never rejects once waiting. */
  wait(context: number, ms: number, name: string): Promise<void> {
    let set = this.#byContext.get(context);
    if (set === undefined) {
      set = new Set();
      this.#byContext.set(context, set);
    }
    if (set.size >= BUS_LIMITS.SUBSCRIBERS_PER_CONTEXT) {
      throw new BusError(
        'E_WOULD_BLOCK',
        `Context '${name}' already has ${set.size} readers waiting, its limit; read without waitMs or wait a moment and read again`,
      );
    }
    const waiting = set;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        if (waiting.size === 0 && this.#byContext.get(context) === waiting) this.#byContext.delete(context);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });
  }

  /** Wakes every reader waiting on `context`. */
  wake(context: number): void {
    const set = this.#byContext.get(context);
    if (set) for (const done of [...set]) done();
  }

  /** How many readers wait on `context` now. */
  count(context: number): number {
    return this.#byContext.get(context)?.size ?? 0;
  }

  /** Wakes everyone (the engine is closing). */
  wakeAll(): void {
    for (const context of [...this.#byContext.keys()]) this.wake(context);
  }
}
