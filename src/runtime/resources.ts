/**
 * Scheduled resources on the host side: requests for an LLM backend, the tool pool or CPU
 * slices wait for the kernel scheduler's grant, run on their executor, and complete. The
 * broker turns grants into work, preempts what the scheduler names (an executor that supports
 * it hands back its partial output and the request waits again with what is left), and
 * forgets an agent's requests when it ends.
 *
 * @example
 * const broker = new ResourceBroker(plane, (pid, name) => handles.get(pid)?.[name]);
 * broker.setExecutor('llm', llmExecutor);
 * const answer = await broker.run(agent, 'llm', { prompt: 'hi' });
 */
import { type Agent, type HostPlane, isAlive, KernelError } from '../kernel/index.ts';
import { type ExecutorContext, PREEMPTED, Preempted } from './preempt.ts';

/**
 * Runs a granted request on a scheduled resource. An executor that supports preemption
 * watches `context.signal` and throws Preempted with its partial output (see preempt.ts).
 */
export type Executor = (agent: Agent, payload: unknown, context: ExecutorContext) => Promise<unknown>;

/** Length of one CPU slice granted by the scheduler, in ms of CPU time. */
export const CPU_SLICE_MS = 5;

export class ResourceBroker {
  readonly #plane: HostPlane;
  readonly #handleOf: (pid: number, name: string) => number | undefined;
  readonly #executors = new Map<string, Executor>();
  /** Scheduled requests whose executor runs now, to abort them on preemption. */
  readonly #inFlight = new Map<number, { controller: AbortController; pid: number }>();
  /** Scheduler request id -> wake the agent waiting for its grant. */
  readonly #grants = new Map<number, () => void>();
  /** The cpu request each agent holds now (its running slice). */
  readonly #cpuHeld = new Map<number, number>();

  constructor(plane: HostPlane, handleOf: (pid: number, name: string) => number | undefined) {
    this.#plane = plane;
    this.#handleOf = handleOf;
  }

  /** Runs `executor` for granted requests on resource `name` (llm, tool). */
  setExecutor(name: string, executor: Executor): void {
    this.#executors.set(name, executor);
  }

  /**
   * New capacity for a resource, as observed by its executor (the LLM providers' learnt
   * concurrency and token rate): the kernel's scheduler is told, and whatever now fits starts.
   */
  resize(
    resource: string,
    capacity: { slots: number; ratePerSec?: number | null; burst?: number; tokens?: number },
  ): void {
    this.#plane.scheduler.resize(resource, capacity, this.#plane.now());
    this.pump();
  }

  /** The agent ended: its grants and held slice go, and work it asked for is cancelled. */
  forget(pid: number): void {
    this.#grants.delete(this.#cpuHeld.get(pid) ?? -1);
    this.#cpuHeld.delete(pid);
    for (const run of this.#inFlight.values()) if (run.pid === pid) run.controller.abort();
  }

  /** Queues a request on a scheduled resource and runs it when the scheduler grants it. */
  async run(agent: Agent, resource: 'llm' | 'tool', payload: unknown): Promise<unknown> {
    const executor = this.#executors.get(resource);
    if (!executor) {
      throw new KernelError(
        'E_NOT_FOUND',
        resource === 'llm' ? 'No LLM provider is configured; see docs/llm.md' : 'No tool service is running',
      );
    }
    const handle = this.#handleOf(agent.pid, resource);
    if (handle === undefined) {
      throw new KernelError(
        'E_NO_RIGHTS',
        `Agent ${agent.pid} holds no ${resource} handle; grant it with --grant ${resource}`,
      );
    }
    const cost = resource === 'llm' ? estimateTokens(payload) : 1;
    const { id } = this.#plane.syscall(agent.pid, 'sched_submit', { handle, cost }) as { id: number };
    let resumeFrom: string | undefined;
    let spent = 0;
    try {
      for (;;) {
        await this.#granted(id);
        const controller = new AbortController();
        this.#inFlight.set(id, { controller, pid: agent.pid });
        try {
          const result = await executor(agent, payload, {
            signal: controller.signal,
            resumeFrom,
            preempt: () => controller.abort(PREEMPTED),
          });
          if (resource === 'llm') {
            const bill = result as { tokens?: unknown; costUsd?: unknown } | undefined;
            if (typeof bill?.tokens === 'number' && typeof bill.costUsd === 'number') {
              this.#plane.chargeLlm(agent.pid, bill.tokens, bill.costUsd);
            }
          }
          return result;
        } catch (error) {
          if (!(error instanceof Preempted)) throw error;
          // Back in line with what is left; the next run continues from the partial output.
          resumeFrom = error.partial;
          spent += error.used;
          // The stopped run was generated and paid for: its agent is charged for it now.
          if (resource === 'llm' && error.bill.tokens > 0) {
            this.#plane.chargeLlm(agent.pid, error.bill.tokens, error.bill.costUsd);
          }
          this.#plane.note(agent.pid, 'lifecycle', 'preempted', true, {
            resource,
            request: id,
            partialChars: error.partial.length,
          });
          this.#plane.scheduler.requeue(id, Math.max(1, cost - spent), this.#plane.now());
        } finally {
          this.#inFlight.delete(id);
        }
      }
    } finally {
      this.#plane.scheduler.complete(id, this.#plane.now());
      this.pump();
    }
  }

  /**
   * CPU slices through the kernel scheduler's `cpu` resource: ends the slice an agent holds
   * (charging what it used) and, with `want`, queues for the next one and resolves when it is
   * granted. Runtimes ask only for agents that compute past a slice without blocking, so
   * agents that mostly wait never queue here; those that compute share the CPU by weight,
   * within their per-epoch quota.
   */
  async cpuSlice(agent: Agent, usedMs: number, want: boolean): Promise<void> {
    const now = this.#plane.now();
    const held = this.#cpuHeld.get(agent.pid);
    if (held !== undefined) {
      this.#cpuHeld.delete(agent.pid);
      this.#plane.scheduler.complete(held, now, usedMs);
    }
    if (!want || !isAlive(agent)) {
      this.pump();
      return;
    }
    const request = this.#plane.scheduler.submit(
      {
        pid: agent.pid,
        resource: 'cpu',
        cost: CPU_SLICE_MS,
        schedClass: agent.schedClass,
        weight: agent.weight,
      },
      now,
    );
    this.#cpuHeld.set(agent.pid, request.id);
    await this.#granted(request.id);
  }

  #granted(id: number): Promise<void> {
    return new Promise((resolveGrant) => {
      this.#grants.set(id, resolveGrant);
      this.pump();
    });
  }

  /** Starts whatever the scheduler can dispatch now, and preempts what it says to. */
  pump(): void {
    const now = this.#plane.now();
    for (const request of this.#plane.scheduler.dispatch(now)) {
      const wake = this.#grants.get(request.id);
      this.#grants.delete(request.id);
      wake?.();
    }
    if (this.#inFlight.size === 0) return;
    for (const victim of this.#plane.scheduler.preemptions(now)) {
      this.#inFlight.get(victim.id)?.controller.abort(PREEMPTED);
    }
  }
}

function estimateTokens(payload: unknown): number {
  const p = payload as { prompt?: string; system?: string; maxTokens?: number };
  const text = `${p?.system ?? ''}${p?.prompt ?? ''}`;
  return Math.ceil(text.length / 4) + (p?.maxTokens ?? 256);
}
