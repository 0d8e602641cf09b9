/**
 * The default policy. Realtime requests run earliest-deadline-first; normal requests share
 * the resource in proportion to their agents' weights, and batch requests likewise among
 * themselves when nothing else waits (each lane is weighted fair queueing over agents,
 * flows.ts, restarted every epoch). Aging lifts a normal request that waited AGING_NORMAL_MS
 * into the realtime queue and a batch request that waited AGING_BATCH_MS into the normal
 * class, so nothing starves; it lifts only from a lane the classes above have kept from
 * being served that long. A request waiting behind its peers is not starved (the lane shares
 * by weight), and lifting it would hand an overloaded lane's oldest requests, mostly those of
 * the lightest agents, the class above, undoing the weights. boost() is priority inheritance.
 *
 * @example
 * const sched = new Scheduler(() => new FairPolicy());
 */
import { PARAMS } from '../params.ts';
import { WeightedFlows } from './flows.ts';
import { KeyHeap } from './keyheap.ts';
import type { Policy, SchedRequest } from './types.ts';

/** A FIFO that skips entries whose request has left it (per `keep`), compacting as it goes. */
class Lane {
  items: SchedRequest[] = [];
  head = 0;
  readonly #keep: (r: SchedRequest) => boolean;
  #pushes = 0;

  constructor(keep: (r: SchedRequest) => boolean) {
    this.#keep = keep;
  }

  push(r: SchedRequest): void {
    this.items.push(r);
    // Entries that left without being looked at would pile up; sweep them now and then.
    if (++this.#pushes % PARAMS.SCHED_LANE_SWEEP_EVERY === 0) {
      this.items = this.items.slice(this.head).filter(this.#keep);
      this.head = 0;
    }
  }

  first(): SchedRequest | undefined {
    while (this.head < this.items.length && !this.#keep(this.items[this.head])) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }
}

export class FairPolicy implements Policy {
  readonly name = 'fair';
  /** Realtime requests by (deadline, seq). */
  readonly #realtime = new KeyHeap<SchedRequest>();
  readonly #normal = new WeightedFlows();
  readonly #batch = new WeightedFlows();
  /** Normal and batch requests in submission order, for aging. */
  readonly #normalAge = new Lane(isQueuedNormal);
  readonly #batchAge = new Lane(isQueuedBatch);
  readonly #boosted = new Map<number, number>();
  #size = 0;
  /** When each lane last had a request taken (or, if it was empty, was given one). */
  #normalServedAt = 0;
  #batchServedAt = 0;
  /** Time of the last aging pass; aging again at the same time changes nothing. */
  #agedAt = Number.NaN;

  get size(): number {
    return this.#size;
  }

  add(request: SchedRequest, now: number): void {
    if (request.schedClass === 'normal' && this.#normal.size === 0) this.#normalServedAt = now;
    if (request.schedClass === 'batch' && this.#batch.size === 0) this.#batchServedAt = now;
    request.queued = true;
    this.#size++;
    const boost = this.#boosted.get(request.pid);
    if (boost !== undefined && request.schedClass !== 'realtime') {
      request.schedClass = 'realtime';
      request.deadline = Math.min(request.deadline, boost);
    }
    this.#place(request);
  }

  remove(request: SchedRequest): void {
    if (!request.queued) return;
    request.queued = false;
    this.#size--;
    if (request.schedClass === 'realtime') this.#realtime.remove(request);
    else this.#lane(request).remove(request);
  }

  peek(now: number): SchedRequest | undefined {
    this.#age(now);
    return this.#realtime.peek() ?? this.#normal.peek() ?? this.#batch.peek();
  }

  pop(now: number): SchedRequest | undefined {
    const next = this.peek(now);
    if (next === undefined) return undefined;
    if (next.schedClass === 'realtime') this.#realtime.pop();
    else this.#lane(next).serve(next);
    if (next.schedClass === 'normal') this.#normalServedAt = now;
    if (next.schedClass === 'batch') this.#batchServedAt = now;
    next.queued = false;
    this.#size--;
    return next;
  }

  boost(pid: number, deadline: number): void {
    this.#boosted.set(pid, Math.min(deadline, this.#boosted.get(pid) ?? Infinity));
    for (const lane of [this.#normal, this.#batch]) {
      for (const r of lane.waiting(pid)) {
        lane.remove(r);
        r.schedClass = 'realtime';
        r.deadline = Math.min(r.deadline, deadline);
        this.#realtime.push(r, r.deadline, r.seq);
      }
    }
  }

  unboost(pid: number): void {
    this.#boosted.delete(pid);
  }

  epoch(): void {
    this.#normal.epoch();
    this.#batch.epoch();
  }

  charge(request: SchedRequest, used: number): void {
    // Tags advanced by the estimate when the request was served; what it really used decides
    // the flow's next start, or a flow whose slices overrun would get more than its weight.
    if (request.schedClass !== 'realtime') this.#lane(request).charge(request, used);
  }

  #lane(request: SchedRequest): WeightedFlows {
    return request.schedClass === 'batch' ? this.#batch : this.#normal;
  }

  #place(request: SchedRequest): void {
    if (request.schedClass === 'realtime') {
      this.#realtime.push(request, request.deadline, request.seq);
      return;
    }
    this.#lane(request).add(request);
    (request.schedClass === 'batch' ? this.#batchAge : this.#normalAge).push(request);
  }

  /** Batch requests that waited long enough join normal; normal ones that waited long enough become realtime. */
  #age(now: number): void {
    if (now === this.#agedAt) return;
    this.#agedAt = now;
    for (;;) {
      if (now - this.#batchServedAt < PARAMS.AGING_BATCH_MS) break;
      const oldest = this.#batchAge.first();
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_BATCH_MS) break;
      this.#batchAge.head++;
      this.#batch.remove(oldest);
      oldest.schedClass = 'normal';
      this.#place(oldest);
    }
    for (;;) {
      if (now - this.#normalServedAt < PARAMS.AGING_NORMAL_MS) break;
      const oldest = this.#normalAge.first();
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_NORMAL_MS) break;
      this.#normalAge.head++;
      this.#normal.remove(oldest);
      oldest.schedClass = 'realtime';
      oldest.deadline = Math.min(oldest.deadline, oldest.submittedAt + PARAMS.AGING_NORMAL_MS);
      this.#realtime.push(oldest, oldest.deadline, oldest.seq);
    }
  }
}

function isQueuedNormal(r: SchedRequest): boolean {
  return r.queued && r.schedClass === 'normal';
}

function isQueuedBatch(r: SchedRequest): boolean {
  return r.queued && r.schedClass === 'batch';
}
