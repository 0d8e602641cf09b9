/**
 * Weighted fair queueing over agents (start-time fair queueing): each agent's waiting
 * requests are a flow; a flow's head is tagged with a virtual start time, and the lowest tag
 * is served next. Serving a request of cost c advances its flow's finish tag by c / weight,
 * so over any backlogged stretch each flow receives service in proportion to its weight,
 * counted in the resource's unit (tokens for an LLM), not in requests admitted. The normal
 * and the batch lanes of FairPolicy are each one of these.
 *
 * @example
 * const flows = new WeightedFlows();
 * flows.add(request);
 * const next = flows.peek();
 * if (next) flows.serve(next);
 */
import { type HeapItem, KeyHeap } from './keyheap.ts';
import type { SchedRequest } from './types.ts';

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

export class WeightedFlows {
  readonly #flows = new Map<number, Flow>();
  /** Backlogged flows by (start tag, seq of head). */
  readonly #heap = new KeyHeap<Flow>();
  #vtime = 0;
  #size = 0;

  /** Requests waiting in every flow. */
  get size(): number {
    return this.#size;
  }

  /** Queues a request at the end of its agent's flow; a preempted one goes back to the front. */
  add(request: SchedRequest): void {
    let flow = this.#flows.get(request.pid);
    if (flow === undefined) {
      flow = { pid: request.pid, queue: [], head: 0, weight: 1, start: 0, finish: 0, seq: 0, heapIndex: -1 };
      this.#flows.set(request.pid, flow);
    }
    flow.weight = request.weight > 0 ? request.weight : 1;
    this.#size++;
    if (request.preempting) {
      // It was charged its whole cost when it started; what it did not get to use is refunded,
      // so the flow keeps the place it had reached instead of paying twice.
      flow.finish = Math.max(0, flow.finish - request.cost / flow.weight);
      flow.queue.splice(flow.head, 0, request);
    } else flow.queue.push(request);
    if (flow.queue.length - flow.head === 1 || request.preempting) {
      flow.start = Math.max(this.#vtime, flow.finish);
      flow.seq = flow.queue[flow.head].seq;
      if (flow.heapIndex < 0) this.#heap.push(flow, flow.start, flow.seq);
      else this.#heap.rekey(flow, flow.start, flow.seq);
    }
  }

  /** The request with the lowest virtual start tag. */
  peek(): SchedRequest | undefined {
    const flow = this.#heap.peek();
    return flow ? flow.queue[flow.head] : undefined;
  }

  /** Takes the head request of pid's flow (the one peek returned) and advances virtual time. */
  serve(request: SchedRequest): void {
    const flow = this.#flows.get(request.pid)!;
    flow.head++;
    this.#size--;
    this.#vtime = flow.start;
    flow.finish = flow.start + request.cost / flow.weight;
    this.#afterHeadChange(flow, flow.finish);
  }

  /** Takes a request out of its flow wherever it is (cancelled, parked, aged into another class). */
  remove(request: SchedRequest): void {
    const flow = this.#flows.get(request.pid);
    if (!flow) return;
    const i = flow.queue.indexOf(request, flow.head);
    if (i < 0) return;
    flow.queue.splice(i, 1);
    this.#size--;
    if (i === flow.head) this.#afterHeadChange(flow, Math.max(this.#vtime, flow.finish));
  }

  /** What pid has waiting here, in its order (priority inheritance lifts them all). */
  waiting(pid: number): SchedRequest[] {
    const flow = this.#flows.get(pid);
    return flow ? flow.queue.slice(flow.head) : [];
  }

  /** A new epoch: tags are rebased so no flow carries credit or debt across epochs. */
  epoch(): void {
    const base = this.#vtime;
    this.#vtime = 0;
    for (const flow of this.#flows.values()) {
      flow.finish = Math.max(0, flow.finish - base);
      flow.start = Math.max(0, flow.start - base);
    }
    // Backlogged flows all start at or after the old virtual time, so their keys shift as one.
    this.#heap.shiftKey1(base);
  }

  /** A served request really cost `used`, not its estimate: the flow's next start settles it. */
  charge(request: SchedRequest, used: number): void {
    const flow = this.#flows.get(request.pid);
    if (!flow) return;
    const delta = (used - request.cost) / flow.weight;
    flow.finish = Math.max(0, flow.finish + delta);
    if (flow.head < flow.queue.length) {
      flow.start = Math.max(this.#vtime, flow.start + delta);
      this.#heap.rekey(flow, flow.start, flow.seq);
    }
  }

  #afterHeadChange(flow: Flow, nextStart: number): void {
    if (flow.head === flow.queue.length) {
      this.#heap.remove(flow);
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
    this.#heap.rekey(flow, flow.start, flow.seq);
  }
}
