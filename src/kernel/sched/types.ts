/**
 * The scheduler's vocabulary. A request is an agent's claim on a limited resource (an LLM
 * backend's slots and token rate, a tool pool, CPU slices); a policy orders waiting requests;
 * the Scheduler (scheduler.ts) owns slots, rates, running requests and preemption, and is the
 * same whichever policy it runs.
 */
import type { SchedClass } from '../process.ts';

export interface SchedRequest {
  readonly id: number;
  readonly pid: number;
  readonly resource: string;
  /** Remaining cost in the resource's unit (tokens for an LLM, ms for CPU, 1 for a tool call). */
  cost: number;
  /** Effective class; aging or priority inheritance may raise it above baseClass. */
  schedClass: SchedClass;
  readonly baseClass: SchedClass;
  readonly weight: number;
  /** Absolute deadline in ms; Infinity when the request has none. */
  deadline: number;
  readonly submittedAt: number;
  /** Submission order: the final tie-breaker, which makes every order deterministic. */
  readonly seq: number;
  readonly preemptible: boolean;
  /** Policy bookkeeping. */
  heapIndex: number;
  queued: boolean;
  /** Scheduler bookkeeping while it runs. */
  startedAt: number;
  preempting: boolean;
}

/** Orders the waiting requests of one resource. */
export interface Policy {
  readonly name: string;
  readonly size: number;
  add(request: SchedRequest, now: number): void;
  remove(request: SchedRequest): void;
  /** The request that would be dispatched next, without taking it. */
  peek(now: number): SchedRequest | undefined;
  pop(now: number): SchedRequest | undefined;
  /** Priority inheritance: treat pid's requests as realtime with this deadline until unboost. */
  boost(pid: number, deadline: number): void;
  unboost(pid: number): void;
  /** A new epoch began: fair-share accounting starts afresh. */
  epoch(now: number): void;
  /**
   * A started request finished having cost `used` rather than its estimated cost (a CPU slice
   * that ran over or under): a policy that shares by cost settles the difference.
   */
  charge?(request: SchedRequest, used: number): void;
}

export type PolicyFactory = () => Policy;

const CLASS_RANK = { realtime: 0, normal: 1, batch: 2 } as const;

/** Negative when a should run before b by class and deadline alone (used for preemption). */
export function urgency(a: SchedRequest, b: SchedRequest): number {
  // Two requests without a deadline are equally urgent (Infinity - Infinity would be NaN).
  return (
    CLASS_RANK[a.schedClass] - CLASS_RANK[b.schedClass] ||
    (a.deadline === b.deadline ? 0 : a.deadline - b.deadline)
  );
}

/**
 * Whether `a` may preempt `b`: only by the class its agent asked for. A request raised by
 * aging (or lent a deadline) waits ahead of others but takes no one's slot: preempted
 * requests keep their age, so if aging preempted, each requeued request would preempt the
 * next in turn and no generation would finish.
 */
export function outranks(a: SchedRequest, b: SchedRequest): boolean {
  return CLASS_RANK[a.baseClass] < CLASS_RANK[b.baseClass];
}
