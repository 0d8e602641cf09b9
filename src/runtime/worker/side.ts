/**
 * A worker thread's end of its link to the kernel: it sends its agents' calls, matches the
 * replies to them, and keeps the thread responsive while it waits. While a call is out and
 * fresh it sleeps on its doorbell in short blocking naps (a futex, so no core is burnt and
 * the answer is picked up microseconds after it lands); otherwise it sleeps without
 * blocking, so the thread's event loop (and the isolates it serves) keep running.
 *
 * @example
 * const side = new WorkerSide(new Link(workerData.link), onControl);
 * const value = await side.call({ pid, op: OP.SYS, name: 'channel_create', args: {} });
 */
import type { GrantPackage } from '../fast/lease.ts';
import { IssueOrder, type Outcome } from '../fast/order.ts';
import { LeaseRouter, type RouterOptions } from '../fast/router.ts';
import { Link, type LinkEnd } from '../link.ts';
import { type Call, encodeCall, encodeControl, type Frame, OP } from '../wire.ts';

interface Pending extends Outcome {
  /** Answered at once by the kernel (a plain syscall), as opposed to a wait. */
  quick: boolean;
}

export interface SideOptions extends Pick<RouterOptions, 'delegate' | 'idle'> {
  /** Longest poll (ms) of a call waiting on a channel lease while its conversation is active. */
  leaseSpinMs?: number;
}

/** Longest blocking nap while a call is fresh, and the budget of naps before yielding. */
const NAP_MS = 0.2;
const NAPS_BEFORE_YIELD = 5;
/**
 * A call sent within this window is expected back soon (a reply, or a blocking read that a
 * busy peer is about to satisfy), so the thread naps for it; older waits sleep without
 * blocking the event loop.
 */
const FRESH_MS = 2;
/**
 * Poll this long before the first nap (default 0: with two cores, a spinning worker beside the
 * spinning kernel thread starves the third thread a round trip needs; see docs/runtimes.md).
 */
const SPIN_MS = Number(process.env.AIOS_WORKER_SPIN_MS ?? 0);
const IDLE_SLEEP_MS = 1000;
/** Default poll of a call waiting on a channel lease: see fast/router.ts. */
const LEASE_SPIN_MS = Number(process.env.AIOS_LEASE_SPIN_US ?? 50) / 1000;

export class WorkerSide {
  readonly link: Link;
  readonly #pending = new Map<number, Pending>();
  readonly #onControl: (pid: number, value: Record<string, unknown>) => void;
  readonly #leases: LeaseRouter;
  readonly #order: IssueOrder;
  #nextReq = 1;
  #quickOut = 0;
  #lastSent = 0;
  #pumping = false;
  #sleeping = false;
  #closed = false;

  constructor(
    end: LinkEnd,
    onControl: (pid: number, value: Record<string, unknown>) => void,
    options: SideOptions = {},
  ) {
    this.link = new Link(end);
    this.#onControl = onControl;
    this.#leases = new LeaseRouter((call) => this.#send({ ...call, viaKernel: true }), {
      spinMs: options.leaseSpinMs ?? LEASE_SPIN_MS,
      delegate: options.delegate,
      idle: options.idle,
    });
    this.#order = new IssueOrder(this.#leases, (call, outcome) => this.#sendWith(call, outcome));
    this.link.onFrame((frame) => this.#handle(frame));
    this.link.onLease((grant) => this.#leases.install(grant as GrantPackage));
    if (this.link.transport === 'ring') void this.#idle();
  }

  /** Leases of channels this worker holds now. */
  get leases(): number {
    return this.#leases.leases;
  }

  /**
   * Makes a call for an agent: on a channel lease the worker holds, or through the kernel;
   * resolves with the answer or rejects with {code, message}.
   */
  call(call: Omit<Call, 'req'>): Promise<unknown> {
    return this.#order.call(call);
  }

  /** A call to be served by the kernel itself (which recalls the channel's lease first, if any). */
  callKernel(call: Omit<Call, 'req'>): Promise<unknown> {
    return this.#send({ ...call, viaKernel: true });
  }

  /** Agent `pid`'s isolate stopped waiting for the reply to call `txid`: the worker waits for it. */
  leaseResult(pid: number, args: { handle: number; txid: number; timeoutMs: number }): Promise<unknown> {
    return this.#leases.adopt(pid, args.handle, args.txid, args.timeoutMs);
  }

  /** Agent `pid` has nothing in flight: its isolate may own its sides of its leases again. */
  offer(pid: number): void {
    this.#leases.offer(pid);
  }

  /** Agent `pid`'s code has ended: the worker takes its sides of leases back. */
  forget(pid: number): void {
    this.#leases.forget(pid);
  }

  /** Sends a call to the kernel (marked to be served there: it never answers "use the lease"). */
  #send(call: Omit<Call, 'req'>): Promise<unknown> {
    return new Promise((resolve, reject) => this.#sendWith(call, { resolve, reject, leased: () => {} }));
  }

  #sendWith(call: Omit<Call, 'req'>, outcome: Outcome): void {
    const req = this.#nextReq;
    this.#nextReq = req >= 0x7fffffff ? 1 : req + 1;
    const quick = call.op === OP.SYS;
    this.#pending.set(req, { ...outcome, quick });
    if (quick) this.#quickOut++;
    this.link.send(encodeCall({ ...call, req }));
    this.#lastSent = performance.now();
    this.#pumpSoon();
  }

  /** Tells the kernel something about an agent (exit, usage). */
  control(pid: number, value: Record<string, unknown>): void {
    this.link.send(encodeControl(pid, value));
  }

  /** Rejects every call still out (the worker is stopping). */
  close(): void {
    this.#closed = true;
    for (const p of this.#pending.values())
      p.reject({ code: 'E_BAD_STATE', message: 'The worker is stopping' });
    this.#pending.clear();
    this.link.close();
  }

  #handle(frame: Frame): void {
    if (frame.type === 'control') {
      const { op, id } = frame.value as { op: unknown; id: number };
      if (op === 'lease')
        this.link.drainPort(); // its grant came over the port just before
      else if (op === 'lease-end') this.#leases.drop(id);
      else this.#onControl(frame.pid, frame.value);
      return;
    }
    if (frame.type === 'call') return; // the kernel never calls a worker
    const pending = this.#pending.get(frame.req);
    if (!pending) return;
    this.#pending.delete(frame.req);
    if (pending.quick) this.#quickOut--;
    if (frame.type === 'leased') pending.leased();
    else if (frame.type === 'error') pending.reject({ code: frame.code, message: frame.message });
    else if (frame.type === 'message')
      pending.resolve({ bytes: frame.bytes, handles: frame.handles, txid: frame.txid });
    else pending.resolve(frame.value);
  }

  #pumpSoon(): void {
    if (this.#pumping || this.link.transport !== 'ring') return;
    this.#pumping = true;
    setImmediate(() => this.#pump());
  }

  /** Takes replies; naps (blocking, briefly) while calls are out and fresh, then yields. */
  #pump(): void {
    this.#pumping = false;
    const handle = (f: Frame) => this.#handle(f);
    // Whatever was answered runs (as promise reactions) as soon as this returns.
    let got = this.link.poll(handle);
    if (got === 0 && SPIN_MS > 0) {
      const until = performance.now() + SPIN_MS;
      while (got === 0 && performance.now() < until) got = this.link.poll(handle);
    }
    for (let i = 0; got === 0 && i < NAPS_BEFORE_YIELD && this.#expecting(); i++) {
      this.link.inBell!.sleep(() => this.link.hasInput(), NAP_MS);
      got = this.link.poll(handle);
    }
    if (this.#expecting()) this.#pumpSoon();
  }

  #expecting(): boolean {
    return this.#quickOut > 0 || (this.#pending.size > 0 && performance.now() - this.#lastSent < FRESH_MS);
  }

  /** With nothing to do, sleeps on the doorbell without blocking the event loop. */
  async #idle(): Promise<void> {
    if (this.#sleeping) return;
    this.#sleeping = true;
    const handle = (f: Frame) => this.#handle(f);
    while (!this.#closed) {
      await this.link.inBell!.sleepAsync(() => this.link.hasInput(), IDLE_SLEEP_MS);
      this.link.poll(handle);
    }
  }
}
