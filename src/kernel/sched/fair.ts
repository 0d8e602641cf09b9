/**
 * The default policy. Realtime requests run earliest-deadline-first; normal requests share
 * the resource in proportion to their agents' weights (start-time fair queueing, restarted
 * every epoch); batch requests run only when nothing else waits. Aging lifts a normal request
 * that waited AGING_NORMAL_MS into the realtime queue and a batch request that waited
 * AGING_BATCH_MS into the normal class, so nothing starves. boost() is priority inheritance.
 *
 * @example
 * const sched = new Scheduler(() => new FairPolicy());
 */
import { PARAMS } from '../params.ts';
import { type HeapItem, KeyHeap } from './keyheap.ts';
import type { Policy, SchedRequest } from './types.ts';

interface Flow extends HeapItem {
  readonly pid: number;
  readonly queue: SchedRequest[];
  head: number;
  weight: number;
  /** Virtual start tag of the head request and finish tag of the last one served. */
  start: number;
  finish: number;
  /** Seq of the head request (the tie-breaker), kept here so heap comparisons touch only flows. */
  seq: number;
}

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

  /** Back at the front: a preempted request keeps the place it had reached. */
  pushFront(r: SchedRequest): void {
    this.items.splice(this.head, 0, r);
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
  readonly #flows = new Map<number, Flow>();
  /** Backlogged normal flows by (start tag, seq of head). */
  readonly #flowHeap = new KeyHeap<Flow>();
  /** Normal requests in submission order, for aging. */
  readonly #normalAge = new Lane(isQueuedNormal);
  readonly #batch = new Lane(isQueuedBatch);
  readonly #boosted = new Map<number, number>();
  #vtime = 0;
  #size = 0;
  /** Time of the last aging pass; aging again at the same time changes nothing. */
  #agedAt = Number.NaN;

  get size(): number {
    return this.#size;
  }

  add(request: SchedRequest): void {
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
    else if (request.schedClass === 'normal') this.#unflow(request);
    // batch: left in its lane, skipped lazily
  }

  peek(now: number): SchedRequest | undefined {
    this.#age(now);
    const rt = this.#realtime.peek();
    if (rt) return rt;
    const flow = this.#flowHeap.peek();
    if (flow) return flow.queue[flow.head];
    return this.#batch.first();
  }

  pop(now: number): SchedRequest | undefined {
    const next = this.peek(now);
    if (next === undefined) return undefined;
    if (next.schedClass === 'realtime') this.#realtime.pop();
    else if (next.schedClass === 'normal') this.#serve(this.#flows.get(next.pid)!);
    next.queued = false;
    this.#size--;
    return next;
  }

  boost(pid: number, deadline: number): void {
    this.#boosted.set(pid, Math.min(deadline, this.#boosted.get(pid) ?? Infinity));
    const flow = this.#flows.get(pid);
    const lifted: SchedRequest[] = flow ? flow.queue.slice(flow.head) : [];
    for (const r of this.#batch.items) if (r.pid === pid && isQueuedBatch(r)) lifted.push(r);
    for (const r of lifted) {
      if (r.schedClass === 'normal') this.#unflow(r);
      r.schedClass = 'realtime';
      r.deadline = Math.min(r.deadline, deadline);
      this.#realtime.push(r, r.deadline, r.seq);
    }
  }

  unboost(pid: number): void {
    this.#boosted.delete(pid);
  }

  epoch(): void {
    // Shares start afresh: tags are rebased so no flow carries credit or debt across epochs.
    const base = this.#vtime;
    this.#vtime = 0;
    for (const flow of this.#flows.values()) {
      flow.finish = Math.max(0, flow.finish - base);
      flow.start = Math.max(0, flow.start - base);
    }
    // Backlogged flows all start at or after the old virtual time, so their keys shift as one.
    this.#flowHeap.shiftKey1(base);
  }

  charge(request: SchedRequest, used: number): void {
    const flow = this.#flows.get(request.pid);
    if (!flow || request.schedClass !== 'normal') return;
    // Tags advanced by the estimate when the request was served; what it really used decides
    // the flow's next start, or a flow whose slices overrun would get more than its weight.
    const delta = (used - request.cost) / flow.weight;
    flow.finish = Math.max(0, flow.finish + delta);
    if (flow.head < flow.queue.length) {
      flow.start = Math.max(this.#vtime, flow.start + delta);
      this.#flowHeap.rekey(flow, flow.start, flow.seq);
    }
  }

  #place(request: SchedRequest): void {
    if (request.schedClass === 'realtime') this.#realtime.push(request, request.deadline, request.seq);
    else if (request.schedClass === 'batch') {
      if (request.preempting) this.#batch.pushFront(request);
      else this.#batch.push(request);
    } else {
      let flow = this.#flows.get(request.pid);
      if (flow === undefined) {
        flow = {
          pid: request.pid,
          queue: [],
          head: 0,
          weight: request.weight,
          start: 0,
          finish: 0,
          seq: 0,
          heapIndex: -1,
        };
        this.#flows.set(request.pid, flow);
      }
      flow.weight = request.weight;
      flow.queue.push(request);
      if (flow.queue.length - flow.head === 1) {
        flow.start = Math.max(this.#vtime, flow.finish);
        flow.seq = request.seq;
        this.#flowHeap.push(flow, flow.start, flow.seq);
      }
      this.#normalAge.push(request);
    }
  }

  /** Takes the head request of a flow and advances virtual time. */
  #serve(flow: Flow): void {
    const request = flow.queue[flow.head++];
    this.#vtime = flow.start;
    flow.finish = flow.start + request.cost / flow.weight;
    this.#afterHeadChange(flow, flow.finish);
  }

  #unflow(request: SchedRequest): void {
    const flow = this.#flows.get(request.pid);
    if (!flow) return;
    const i = flow.queue.indexOf(request, flow.head);
    if (i < 0) return;
    flow.queue.splice(i, 1);
    if (i === flow.head) this.#afterHeadChange(flow, Math.max(this.#vtime, flow.finish));
  }

  #afterHeadChange(flow: Flow, nextStart: number): void {
    if (flow.head === flow.queue.length) {
      this.#flowHeap.remove(flow);
      // Truncating an array shrinks its storage; do it rarely, not every time a flow drains.
      if (flow.head >= 64) {
        flow.queue.length = 0;
        flow.head = 0;
      }
      return;
    }
    if (flow.head > 256) {
      flow.queue.splice(0, flow.head);
      flow.head = 0;
    }
    flow.start = nextStart;
    flow.seq = flow.queue[flow.head].seq;
    this.#flowHeap.rekey(flow, flow.start, flow.seq);
  }

  /** Batch requests that waited long enough join normal; normal ones that waited long enough become realtime. */
  #age(now: number): void {
    if (now === this.#agedAt) return;
    this.#agedAt = now;
    for (;;) {
      const oldest = this.#batch.first();
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_BATCH_MS) break;
      this.#batch.head++;
      oldest.schedClass = 'normal';
      this.#place(oldest);
    }
    for (;;) {
      const oldest = this.#normalAge.first();
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_NORMAL_MS) break;
      this.#unflow(oldest);
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
