/**
 * Keeps an agent's channel calls on one handle in the order it issued them while they move
 * from the kernel to a lease. A call the worker sent to the kernel before it held the lease
 * comes back "use the lease" (or is answered by the kernel); calls issued after it on the same
 * handle do not overtake it on the lease: they run there in issue order once it has. Calls
 * on a handle without a lease go to the kernel at once, as many at a time as the agent makes.
 *
 * @example
 * const order = new IssueOrder(router, (call, outcome) => sendToKernel(call, outcome));
 * const answer = await order.call(call);
 */
import type { Call } from '../wire.ts';
import { key } from './lease.ts';
import { fastKind } from './ops.ts';
import type { LeaseRouter } from './router.ts';

type Outgoing = Omit<Call, 'req'>;

/** How the kernel's answer to a call is delivered. */
export interface Outcome {
  resolve(value: unknown): void;
  reject(error: { code: string; message: string }): void;
  /** The kernel said "do it on the lease". */
  leased(): void;
}

interface Queued extends Omit<Outcome, 'leased'> {
  call: Outgoing;
  state: 'issued' | 'leased' | 'waiting';
}

export class IssueOrder {
  readonly #router: LeaseRouter;
  readonly #send: (call: Outgoing, outcome: Outcome) => void;
  /** Per agent handle: calls sent to the kernel (unmarked) and the calls behind them. */
  readonly #lines = new Map<number, Queued[]>();

  constructor(router: LeaseRouter, send: (call: Outgoing, outcome: Outcome) => void) {
    this.#router = router;
    this.#send = send;
  }

  call(call: Outgoing): Promise<unknown> {
    if (fastKind(call) === undefined) return this.#kernel(call);
    const k = key(call.pid, call.args.handle as number);
    const line = this.#lines.get(k);
    if (line === undefined) {
      const routed = this.#router.route(call);
      if (routed) return routed;
    }
    return new Promise((resolve, reject) => {
      const q: Queued = { call, resolve, reject, state: 'waiting' };
      if (line === undefined) this.#lines.set(k, [q]);
      else line.push(q);
      // Behind earlier calls, a call on a leased handle waits its turn; otherwise it goes now.
      if (line === undefined || !this.#router.holds(call.pid, call.args.handle as number)) this.#issue(k, q);
    });
  }

  /** A call that no lease can carry: to the kernel, answered there. */
  #kernel(call: Outgoing): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.#send(call, { resolve, reject, leased: () => resolve(this.#router.route(call, true)) }),
    );
  }

  #issue(k: number, q: Queued): void {
    q.state = 'issued';
    const settle = () => {
      const line = this.#lines.get(k);
      const i = line?.indexOf(q) ?? -1;
      if (i >= 0) line!.splice(i, 1);
      this.#drain(k);
    };
    this.#send(q.call, {
      resolve: (v) => {
        settle();
        q.resolve(v);
      },
      reject: (e) => {
        settle();
        q.reject(e);
      },
      leased: () => {
        q.state = 'leased';
        this.#drain(k);
      },
    });
  }

  /** Runs the calls at the head of the line that may go now, in order. */
  #drain(k: number): void {
    const line = this.#lines.get(k);
    if (!line) return;
    while (line.length > 0) {
      const head = line[0];
      if (head.state === 'issued') return;
      const routed = this.#router.route(head.call, head.state === 'leased');
      if (routed === undefined) {
        this.#issue(k, head); // no lease any more: through the kernel, after those before it
        return;
      }
      line.shift();
      routed.then(head.resolve, head.reject);
    }
    this.#lines.delete(k);
  }
}
