/**
 * Dispatches agents' requests onto resources with limited slots and rates. The Scheduler is
 * policy-independent: it owns slots, token buckets, running requests, per-agent CPU quotas
 * per epoch and preemption; the policy only orders what waits. Time is passed in, so the same
 * calls give the same schedule.
 *
 * @example
 * const s = new Scheduler(() => new FairPolicy());
 * s.define({ name: 'llm', slots: 4, ratePerSec: 2000, burst: 8000 });
 * s.submit({ pid: 7, resource: 'llm', cost: 500 }, now);
 * for (const grant of s.dispatch(now)) start(grant);
 * s.complete(grant.id, now);
 */
import { KernelError } from '../errors.ts';
import { PARAMS } from '../params.ts';
import type { SchedClass } from '../process.ts';
import type { Policy, PolicyFactory, SchedRequest } from './types.ts';
import { outranks, urgency } from './types.ts';

export interface ResourceSpec {
  name: string;
  /** Requests that may run at once. */
  slots: number;
  /** Cost units refilled per second (LLM tokens per second); omit for no rate limit. */
  ratePerSec?: number;
  /** Bucket size; defaults to one second of rate. */
  burst?: number;
  /** Whether running requests may be preempted for more urgent ones. */
  preemptive?: boolean;
}

export interface SubmitSpec {
  pid: number;
  resource: string;
  cost: number;
  schedClass?: SchedClass;
  weight?: number;
  /** Absolute deadline in ms. */
  deadline?: number;
  preemptible?: boolean;
}

interface ResourceState {
  /** A copy of what define() was given; resize() changes it. */
  readonly spec: ResourceSpec;
  readonly policy: Policy;
  readonly running: Map<number, SchedRequest>;
  tokens: number;
  refilledAt: number;
  /** Requests held back because their agent used up its CPU quota this epoch. */
  readonly throttled: SchedRequest[];
  /** Requests in the policy's queue, by the class their agent asked for (see preemptions()). */
  readonly waiting: Record<SchedClass, number>;
}

/**
 * What happened to a request, for observers outside the kernel (metrics, the event stream).
 * `at` is the scheduler time of the event (absent for cancel, which carries no time);
 * `waitMs` is set on start, `runMs` and `used` on complete.
 */
export interface SchedEvent {
  type: 'submit' | 'start' | 'complete' | 'cancel' | 'requeue';
  id: number;
  pid: number;
  resource: string;
  cost: number;
  schedClass: SchedClass;
  at?: number;
  waitMs?: number;
  runMs?: number;
  used?: number;
}

export interface ResourceView {
  name: string;
  slots: number;
  running: number;
  waiting: number;
  tokens: number | null;
}

export class Scheduler {
  readonly #makePolicy: PolicyFactory;
  readonly #resources = new Map<string, ResourceState>();
  /** The same states as an array, for the dispatch loop. */
  #states: ResourceState[] = [];
  readonly #requests = new Map<number, { state: ResourceState; request: SchedRequest }>();
  /**
   * CPU ms used this epoch and quota, by pid; `below` is what the agents under it used this
   * epoch, which counts against its quota too (subtree budgets, subtree.ts).
   */
  readonly #cpu = new Map<number, { used: number; below: number; quota: number }>();
  /**
   * The agents above `pid` whose CPU quota bounds it too (its budget chain without itself); set
   * by the kernel. Without it, each agent answers to its own quota only.
   */
  cpuBudgets: ((pid: number) => readonly number[]) | undefined;
  /** Requests of suspended agents, held out of every queue until resume. */
  readonly #parked = new Map<number, SchedRequest[]>();
  #nextId = 1;
  #epochStart = 0;
  decisions = 0;
  /** Told of every submit, start, completion, cancel and requeue; must not call back in. */
  observer: ((event: SchedEvent) => void) | undefined;

  constructor(makePolicy: PolicyFactory) {
    this.#makePolicy = makePolicy;
  }

  get policyName(): string {
    return this.#makePolicy().name;
  }

  define(spec: ResourceSpec, now = 0): void {
    if (!(Number.isInteger(spec.slots) && spec.slots > 0)) {
      throw new KernelError('E_BAD_ARG', `Resource '${spec.name}' needs a positive whole number of slots`);
    }
    const burst = spec.ratePerSec ? (spec.burst ?? spec.ratePerSec) : 0;
    this.#resources.set(spec.name, {
      spec: { ...spec, burst },
      policy: this.#makePolicy(),
      running: new Map(),
      tokens: burst,
      refilledAt: now,
      throttled: [],
      waiting: { realtime: 0, normal: 0, batch: 0 },
    });
    this.#states = [...this.#resources.values()];
  }

  /**
   * New capacity for a resource, as the host observed it (an LLM provider's learnt concurrency
   * and token rate): the kernel learns nothing by itself, it is told. `ratePerSec: null` drops
   * the rate limit; `tokens` lowers the bucket to what the provider says is left. Requests
   * already running keep their slots; fewer slots only stop new starts until enough finish.
   */
  resize(
    name: string,
    capacity: { slots?: number; ratePerSec?: number | null; burst?: number; tokens?: number },
    now: number,
  ): void {
    const state = this.#resources.get(name);
    if (!state) throw new KernelError('E_NOT_FOUND', `No resource is named '${name}'`);
    const slots = capacity.slots ?? state.spec.slots;
    if (!(Number.isInteger(slots) && slots > 0)) {
      throw new KernelError('E_BAD_ARG', `Resource '${name}' needs a positive whole number of slots`);
    }
    this.#refill(state, now);
    const rate = capacity.ratePerSec === null ? undefined : (capacity.ratePerSec ?? state.spec.ratePerSec);
    if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) {
      throw new KernelError('E_BAD_ARG', `Resource '${name}' needs a positive finite rate`);
    }
    const burst = rate ? (capacity.burst ?? (state.spec.ratePerSec ? state.spec.burst : rate)) : 0;
    const wasLimited = state.spec.ratePerSec !== undefined;
    state.spec.slots = slots;
    state.spec.ratePerSec = rate;
    state.spec.burst = burst;
    if (!rate) state.tokens = 0;
    else if (!wasLimited) state.tokens = burst!;
    state.tokens = Math.min(state.tokens, burst ?? 0, capacity.tokens ?? Infinity);
    state.refilledAt = now;
  }

  /** Sets the CPU ms an agent may use per epoch (its quota); Infinity removes the cap. */
  setCpuQuota(pid: number, quota: number): void {
    const entry = this.#cpu.get(pid);
    if (entry) entry.quota = quota;
    else this.#cpu.set(pid, { used: 0, below: 0, quota });
  }

  submit(spec: SubmitSpec, now: number): SchedRequest {
    const state = this.#resources.get(spec.resource);
    if (!state) throw new KernelError('E_NOT_FOUND', `No resource is named '${spec.resource}'`);
    if (!(spec.cost >= 0 && Number.isFinite(spec.cost))) {
      throw new KernelError('E_BAD_ARG', 'Request cost must be a finite number of zero or more');
    }
    const schedClass = spec.schedClass ?? 'normal';
    const request: SchedRequest = {
      id: this.#nextId,
      pid: spec.pid,
      resource: spec.resource,
      cost: spec.cost,
      schedClass,
      baseClass: schedClass,
      weight: spec.weight ?? 1,
      deadline: spec.deadline ?? Infinity,
      submittedAt: now,
      seq: this.#nextId++,
      preemptible: spec.preemptible ?? true,
      heapIndex: -1,
      queued: false,
      startedAt: 0,
      preempting: false,
    };
    this.#requests.set(request.id, { state, request });
    const parked = this.#parked.get(spec.pid);
    if (parked) parked.push(request);
    else this.#enqueue(state, request, now);
    this.#tell('submit', request, now);
    return request;
  }

  /** Fills every free slot that rates and quotas allow; returns what was started. */
  dispatch(now: number): SchedRequest[] {
    this.#maybeEpoch(now);
    const started: SchedRequest[] = [];
    for (let i = 0; i < this.#states.length; i++) {
      const state = this.#states[i];
      this.#refill(state, now);
      while (state.running.size < state.spec.slots) {
        const next = state.policy.peek(now);
        if (next === undefined) break;
        if (state.spec.ratePerSec && state.tokens < Math.min(next.cost, state.spec.burst!)) break;
        if (state.policy.pop(now) !== next)
          throw new Error(`Policy ${state.policy.name} popped other than it peeked`);
        state.waiting[next.baseClass]--;
        this.decisions++;
        if (this.#overQuota(next)) {
          state.throttled.push(next);
          continue;
        }
        if (state.spec.ratePerSec) state.tokens -= next.cost;
        next.startedAt = now;
        next.preempting = false;
        state.running.set(next.id, next);
        started.push(next);
        if (this.observer) this.#tell('start', next, now, { waitMs: now - next.submittedAt });
      }
    }
    return started;
  }

  /** A running request finished; `used` is its actual cost (CPU ms for the cpu resource). */
  complete(id: number, now: number, used?: number): void {
    const entry = this.#requests.get(id);
    if (!entry) return;
    const run = entry.state.running.get(id);
    this.#requests.delete(id);
    entry.state.running.delete(id);
    if (entry.request.resource === 'cpu')
      this.#chargeCpu(entry.request.pid, used ?? now - (run?.startedAt ?? now));
    if (used !== undefined && run) entry.state.policy.charge?.(entry.request, used);
    if (used !== undefined && entry.state.spec.ratePerSec) entry.state.tokens += entry.request.cost - used;
    if (this.observer) {
      this.#tell('complete', entry.request, now, { runMs: run ? now - run.startedAt : 0, used });
    }
  }

  /**
   * Running preemptible requests that should yield to a more urgent waiting one: the least
   * urgent, and among equals the one started last. Each victim is marked; the host stops it
   * and calls requeue() with what is left of its cost. Only as many stop at once as there are
   * requests waiting that may take their slots: the host's stop is not instant (an LLM
   * generation is aborted on another thread), and taking another victim on every pass until
   * the first is back in line stopped several generations for one request. And only from the
   * least urgent class running: when those are stopping already or have not yet run
   * PREEMPT_MIN_RUN_MS, nothing is taken now (a later pass will), rather than a more urgent
   * request that happens to have run longer (an interactive answer for a batch one).
   */
  preemptions(now: number): SchedRequest[] {
    const victims: SchedRequest[] = [];
    for (const state of this.#resources.values()) {
      if (!state.spec.preemptive || state.running.size < state.spec.slots) continue;
      const waiting = state.policy.peek(now);
      if (!waiting) continue;
      let least: SchedRequest | undefined;
      let stopping = 0;
      for (const run of state.running.values()) {
        if (run.preempting) stopping++;
        if (!run.preemptible || urgency(waiting, run) >= 0 || !outranks(waiting, run)) continue;
        if (!least || lessUrgent(run, least) > 0) least = run;
      }
      if (!least || stopping >= this.#waitingAbove(state, least)) continue;
      // The last started of the least urgent, which has generated least (an LLM request
      // granted moments ago may not even have reached its provider): least is lost.
      let victim: SchedRequest | undefined;
      for (const run of state.running.values()) {
        if (run.preempting || !run.preemptible || lessUrgent(run, least) !== 0 || !outranks(waiting, run))
          continue;
        if (now - run.startedAt < PARAMS.PREEMPT_MIN_RUN_MS) continue;
        if (!victim || run.startedAt > victim.startedAt) victim = run;
      }
      if (victim) {
        victim.preempting = true;
        victims.push(victim);
      }
    }
    return victims;
  }

  /** Requests waiting whose agents asked for a class above `run`'s: those may preempt it. */
  #waitingAbove(state: ResourceState, run: SchedRequest): number {
    const w = state.waiting;
    return run.baseClass === 'batch' ? w.realtime + w.normal : run.baseClass === 'normal' ? w.realtime : 0;
  }

  /**
   * Puts a preempted request back in line with the cost it still needs. It keeps the place
   * its flow had reached whether this scheduler picked it (preemptions()) or the host stopped
   * it for a more urgent request of its own (an LLM request waiting for a provider's slot).
   */
  requeue(id: number, remaining: number, now: number): void {
    const entry = this.#requests.get(id);
    if (!entry?.state.running.delete(id)) return;
    entry.request.preempting = true;
    entry.request.cost = Math.max(0, remaining);
    this.#enqueue(entry.state, entry.request, now);
    this.#tell('requeue', entry.request, now);
  }

  cancel(id: number): void {
    const entry = this.#requests.get(id);
    if (!entry) return;
    this.#requests.delete(id);
    this.#dequeue(entry.state, entry.request);
    entry.state.running.delete(id);
    const t = entry.state.throttled.indexOf(entry.request);
    if (t >= 0) entry.state.throttled.splice(t, 1);
    this.#tell('cancel', entry.request);
  }

  /** Drops every request of an agent (it exited). */
  cancelAgent(pid: number): void {
    for (const [id, entry] of this.#requests) if (entry.request.pid === pid) this.cancel(id);
    this.#cpu.delete(pid);
    this.#parked.delete(pid);
    for (const state of this.#resources.values()) state.policy.unboost(pid);
  }

  /** Holds an agent's waiting requests out of line (it was suspended). */
  park(pid: number): void {
    if (this.#parked.has(pid)) return;
    const held: SchedRequest[] = [];
    for (const { state, request } of this.#requests.values()) {
      if (request.pid !== pid || state.running.has(request.id)) continue;
      this.#dequeue(state, request);
      const t = state.throttled.indexOf(request);
      if (t >= 0) state.throttled.splice(t, 1);
      held.push(request);
    }
    this.#parked.set(pid, held);
  }

  /** Puts a resumed agent's requests back in line. */
  unpark(pid: number, now: number): void {
    const held = this.#parked.get(pid);
    if (!held) return;
    this.#parked.delete(pid);
    for (const request of held) {
      const state = this.#requests.get(request.id)?.state;
      if (state) this.#enqueue(state, request, now);
    }
  }

  /** Priority inheritance: pid serves someone more urgent, so it runs with their deadline. */
  boost(pid: number, deadline: number): void {
    for (const state of this.#resources.values()) state.policy.boost(pid, deadline);
  }

  unboost(pid: number): void {
    for (const state of this.#resources.values()) state.policy.unboost(pid);
  }

  get(id: number): SchedRequest | undefined {
    return this.#requests.get(id)?.request;
  }

  isRunning(id: number): boolean {
    const entry = this.#requests.get(id);
    return entry?.state.running.has(id) === true;
  }

  resources(): ResourceView[] {
    return [...this.#resources.values()].map((s) => ({
      name: s.spec.name,
      slots: s.spec.slots,
      running: s.running.size,
      waiting: s.policy.size + s.throttled.length,
      tokens: s.spec.ratePerSec ? s.tokens : null,
    }));
  }

  #tell(
    type: SchedEvent['type'],
    r: SchedRequest,
    at?: number,
    extra?: { waitMs?: number; runMs?: number; used?: number },
  ): void {
    this.observer?.({
      type,
      id: r.id,
      pid: r.pid,
      resource: r.resource,
      cost: r.cost,
      schedClass: r.schedClass,
      at,
      ...extra,
    });
  }

  #enqueue(state: ResourceState, request: SchedRequest, now: number): void {
    state.policy.add(request, now);
    state.waiting[request.baseClass]++;
  }

  #dequeue(state: ResourceState, request: SchedRequest): void {
    if (!request.queued) return;
    state.policy.remove(request);
    state.waiting[request.baseClass]--;
  }

  #refill(state: ResourceState, now: number): void {
    const rate = state.spec.ratePerSec;
    if (!rate) return;
    const elapsed = now - state.refilledAt;
    if (elapsed > 0) {
      state.tokens = Math.min(state.spec.burst!, state.tokens + (elapsed * rate) / 1000);
      state.refilledAt = now;
    }
  }

  #overQuota(request: SchedRequest): boolean {
    if (request.resource !== 'cpu') return false;
    const cpu = this.#cpu.get(request.pid);
    if (cpu !== undefined && cpu.used >= cpu.quota) return true;
    for (const pid of this.cpuBudgets?.(request.pid) ?? []) {
      const above = this.#cpu.get(pid);
      if (above !== undefined && above.used + above.below >= above.quota) return true;
    }
    return false;
  }

  #chargeCpu(pid: number, ms: number): void {
    const cpu = this.#cpu.get(pid);
    if (cpu) cpu.used += ms;
    for (const up of this.cpuBudgets?.(pid) ?? []) {
      const above = this.#cpu.get(up);
      if (above) above.below += ms;
    }
  }

  #maybeEpoch(now: number): void {
    if (now - this.#epochStart < PARAMS.EPOCH_MS) return;
    this.#epochStart = now - ((now - this.#epochStart) % PARAMS.EPOCH_MS);
    for (const cpu of this.#cpu.values()) {
      cpu.used = 0;
      cpu.below = 0;
    }
    for (const state of this.#resources.values()) {
      state.policy.epoch(now);
      for (const r of state.throttled.splice(0)) this.#enqueue(state, r, now);
    }
  }
}

/**
 * Which of two running requests is the less urgent victim (> 0: `a`): by urgency, then by the
 * class its agent asked for, so a batch request that aging raised to normal goes before an
 * interactive one.
 */
function lessUrgent(a: SchedRequest, b: SchedRequest): number {
  return urgency(a, b) || BASE_RANK[a.baseClass] - BASE_RANK[b.baseClass];
}

const BASE_RANK = { realtime: 0, normal: 1, batch: 2 } as const;
