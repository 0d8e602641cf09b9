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
import { Heap, type HeapItem } from './heap.ts';
import type { Policy, SchedRequest } from './types.ts';

interface Flow extends HeapItem {
  readonly pid: number;
  readonly queue: SchedRequest[];
  head: number;
  weight: number;
  /** Virtual start tag of the head request and finish tag of the last one served. */
  start: number;
  finish: number;
}

/** A FIFO that skips entries whose request has left the policy. */
class Lane {
  items: SchedRequest[] = [];
  head = 0;
  push(r: SchedRequest): void {
    this.items.push(r);
  }
  first(keep: (r: SchedRequest) => boolean): SchedRequest | undefined {
    while (this.head < this.items.length && !keep(this.items[this.head])) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }
}

export class FairPolicy implements Policy {
  readonly name = 'fair';
  readonly #realtime = new Heap<SchedRequest>((a, b) => a.deadline - b.deadline || a.seq - b.seq);
  readonly #flows = new Map<number, Flow>();
  readonly #flowHeap = new Heap<Flow>(
    (a, b) => a.start - b.start || a.queue[a.head].seq - b.queue[b.head].seq,
  );
  /** Normal requests in submission order, for aging. */
  readonly #normalAge = new Lane();
  readonly #batch = new Lane();
  readonly #boosted = new Map<number, number>();
  #vtime = 0;
  #size = 0;

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
    return this.#batch.first(isQueuedBatch);
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
      this.#realtime.push(r);
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
  }

  #place(request: SchedRequest): void {
    if (request.schedClass === 'realtime') this.#realtime.push(request);
    else if (request.schedClass === 'batch') this.#batch.push(request);
    else {
      let flow = this.#flows.get(request.pid);
      if (flow === undefined) {
        flow = {
          pid: request.pid,
          queue: [],
          head: 0,
          weight: request.weight,
          start: 0,
          finish: 0,
          heapIndex: -1,
        };
        this.#flows.set(request.pid, flow);
      }
      flow.weight = request.weight;
      flow.queue.push(request);
      if (flow.queue.length - flow.head === 1) {
        flow.start = Math.max(this.#vtime, flow.finish);
        this.#flowHeap.push(flow);
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
      flow.queue.length = 0;
      flow.head = 0;
      return;
    }
    if (flow.head > 256) {
      flow.queue.splice(0, flow.head);
      flow.head = 0;
    }
    flow.start = nextStart;
    this.#flowHeap.update(flow);
  }

  /** Batch requests that waited long enough join normal; normal ones that waited long enough become realtime. */
  #age(now: number): void {
    for (;;) {
      const oldest = this.#batch.first(isQueuedBatch);
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_BATCH_MS) break;
      this.#batch.head++;
      oldest.schedClass = 'normal';
      this.#place(oldest);
    }
    for (;;) {
      const oldest = this.#normalAge.first(isQueuedNormal);
      if (oldest === undefined || now - oldest.submittedAt < PARAMS.AGING_NORMAL_MS) break;
      this.#unflow(oldest);
      oldest.schedClass = 'realtime';
      oldest.deadline = Math.min(oldest.deadline, oldest.submittedAt + PARAMS.AGING_NORMAL_MS);
      this.#realtime.push(oldest);
    }
  }
}

function isQueuedNormal(r: SchedRequest): boolean {
  return r.queued && r.schedClass === 'normal';
}

function isQueuedBatch(r: SchedRequest): boolean {
  return r.queued && r.schedClass === 'batch';
}
