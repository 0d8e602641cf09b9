/**
 * Who waits for a provider's slot, and in what order: the requests the kernel granted that
 * the provider cannot take yet. The most urgent class goes first (lowest rank), then the
 * first to come. One that has waited its bound while a less urgent request holds a slot
 * preempts that request (the last sent of the least urgent: it has generated least), whose
 * caller then hands its slot back. One SlotQueue per provider and model (capacity.ts).
 *
 * @example
 * const queue = new SlotQueue<Permit>();
 * await queue.wait(1, 20, signal); // woken by queue.wake(n), or preempting after 20 ms
 */

/** What the queue needs of a request in flight. */
export interface Slotted {
  readonly rank: number;
  readonly sentAt: number;
  readonly preempt?: () => void;
  preempted?: boolean;
}

interface Waiter {
  rank: number;
  wake: () => void;
}

export class SlotQueue<P extends Slotted> {
  /** Requests in flight at the provider. */
  readonly running = new Set<P>();
  readonly #waiters: Waiter[] = [];
  /** Requests in flight it preempted for more urgent ones. */
  preemptions = 0;

  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves when wake() picks this request; rejects with the signal's reason if it aborts
   * first. After `boundMs` (undefined: never) it preempts a less urgent request in flight.
   */
  wait(rank: number, boundMs: number | undefined, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const urgent = boundMs === undefined ? undefined : setTimeout(() => this.#preemptFor(rank), boundMs);
      const waiter: Waiter = {
        rank,
        wake: () => {
          clearTimeout(urgent);
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = () => {
        clearTimeout(urgent);
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(signal!.reason);
      };
      // Few wait here (the kernel grants at most a pipeline's worth past the limit): a sorted insert.
      let at = this.#waiters.length;
      while (at > 0 && this.#waiters[at - 1].rank > rank) at--;
      this.#waiters.splice(at, 0, waiter);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Wakes up to `n` waiters, most urgent first. */
  wake(n: number): void {
    for (let i = 0; i < n && this.#waiters.length > 0; i++) this.#waiters.shift()!.wake();
  }

  #preemptFor(rank: number): void {
    let victim: P | undefined;
    for (const p of this.running) {
      if (p.rank <= rank || !p.preempt || p.preempted) continue;
      if (!victim || p.rank > victim.rank || (p.rank === victim.rank && p.sentAt > victim.sentAt)) victim = p;
    }
    if (!victim) return;
    victim.preempted = true;
    this.preemptions++;
    victim.preempt!();
  }
}
