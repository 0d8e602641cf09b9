/**
 * The baseline policy: first come, first served, blind to class, weight and deadline.
 * Benchmarks and the conformance suite compare the fair policy against it.
 *
 * @example
 * const sched = new Scheduler(() => new FifoPolicy());
 */
import type { Policy, SchedRequest } from './types.ts';

export class FifoPolicy implements Policy {
  readonly name = 'fifo';
  #queue: SchedRequest[] = [];
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(request: SchedRequest): void {
    request.queued = true;
    this.#queue.push(request);
    this.#size++;
  }

  remove(request: SchedRequest): void {
    if (!request.queued) return;
    request.queued = false;
    this.#size--;
  }

  peek(): SchedRequest | undefined {
    this.#skipRemoved();
    return this.#queue[this.#head];
  }

  pop(): SchedRequest | undefined {
    const next = this.peek();
    if (next === undefined) return undefined;
    this.#head++;
    next.queued = false;
    this.#size--;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return next;
  }

  boost(): void {}
  unboost(): void {}
  epoch(): void {}

  #skipRemoved(): void {
    while (this.#head < this.#queue.length && !this.#queue[this.#head].queued) this.#head++;
  }
}
