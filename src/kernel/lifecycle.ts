/**
 * Agent lifecycle: spawn, kill, end, suspend, resume, clone and upgrade, with what each does
 * to handles, children, scheduled requests and the audit chain. Ending an agent closes every
 * handle it holds (which frees its regions and closes its channels), cancels its requests,
 * and kills its children (orphans: 'cascade', the default) or hands them to its nearest live
 * ancestor ('reparent'), so they never leave the subtree budgets they were counted in.
 *
 * @example
 * const { agent, handle } = k.lifecycle.spawn(parent, { image, runtime: 'isolate' }, []);
 * k.lifecycle.kill(agent, parent.pid);
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { EXIT_KILLED, INIT_PID, PARAMS } from './params.ts';
import { type Agent, type ExitStatus, type ImageRef, isAlive, type SpawnSpec } from './process.ts';
import { DEFAULT_RIGHTS, RIGHTS } from './rights.ts';
import { admitAgent, budgetChain, childQuotas, countAgent } from './subtree.ts';

export interface Grant {
  handle: Handle;
  rights: number;
}

export class Lifecycle {
  readonly #k: Kernel;
  readonly #dead: number[] = [];
  readonly #get: (pid: number) => Agent | undefined;

  constructor(kernel: Kernel) {
    this.#k = kernel;
    this.#get = (pid) => kernel.processes.get(pid);
  }

  /** Creates a child of `parent`, giving it duplicates of `grants`; the parent gets a handle to it. */
  spawn(
    parent: Agent,
    spec: Omit<SpawnSpec, 'parent'>,
    grants: readonly Grant[],
  ): { agent: Agent; handle: number } {
    const k = this.#k;
    const quotas = childQuotas(parent, spec.quotas);
    const trees = budgetChain(this.#get, parent);
    admitAgent(trees);
    for (const g of grants) {
      // a grant is a duplicate into the child, so it needs what handle_duplicate needs
      if ((g.handle.rights & RIGHTS.DUPLICATE) === 0) {
        throw new KernelError(
          'E_NO_RIGHTS',
          `Handle ${g.handle.value} lacks the duplicate right, so it cannot be granted to a child; grant a handle that has it`,
        );
      }
      if ((g.rights & ~g.handle.rights) !== 0) {
        throw new KernelError('E_NO_RIGHTS', `Handle ${g.handle.value} cannot grant rights it does not hold`);
      }
    }
    const agent = k.processes.create({ ...spec, quotas, parent: parent.pid }, k.ports.now());
    countAgent(trees, 1);
    parent.children.add(agent.pid);
    const self = k.handles.install(agent.table, agent.pid, agent.object, RIGHTS.INSPECT | RIGHTS.WAIT);
    agent.startHandles.push(self.value);
    for (const g of grants) {
      agent.startHandles.push(
        k.handles.install(agent.table, agent.pid, g.handle.object, g.rights, g.handle).value,
      );
    }
    const handle = k.handles.install(parent.table, parent.pid, agent.object, DEFAULT_RIGHTS.agent);
    k.scheduler.setCpuQuota(agent.pid, agent.quotas.cpuMsPerEpoch);
    k.audit.record(parent.pid, 'lifecycle', 'spawn', true, undefined, {
      child: agent.pid,
      image: agent.image.ref,
      hash: agent.image.hash,
      runtime: agent.runtime,
    });
    k.events.lifecycle('spawn', agent);
    return { agent, handle: handle.value };
  }

  kill(agent: Agent, by: number, message?: string): void {
    if (!isAlive(agent))
      throw new KernelError('E_BAD_STATE', `Agent ${agent.pid} has already ${agent.state}`);
    if (agent.pid === INIT_PID)
      throw new KernelError('E_BAD_STATE', 'init cannot be killed; stop the system instead');
    this.end(agent, { code: EXIT_KILLED, reason: 'killed', message: message ?? `killed by agent ${by}` });
  }

  /** Ends an agent and releases everything it holds. */
  end(agent: Agent, status: ExitStatus): void {
    if (!isAlive(agent)) return;
    const k = this.#k;
    k.processes.transition(
      agent,
      status.reason === 'normal' || status.reason === 'killed' ? 'exited' : 'crashed',
    );
    agent.exit = status;
    countAgent(budgetChain(this.#get, k.processes.get(agent.parent)), -1);
    k.handles.closeAll(agent.table);
    k.memory.unmapAll(agent.pid);
    k.scheduler.cancelAgent(agent.pid);
    const heir = this.#nearestLiveAncestor(agent);
    for (const pid of [...agent.children]) {
      const child = k.processes.get(pid);
      if (!child || !isAlive(child)) continue;
      if (agent.orphans === 'reparent' && heir) {
        // they stay in the trees they were in, and so in those trees' budgets
        child.parent = heir.pid;
        heir.children.add(pid);
      } else {
        this.end(child, { code: EXIT_KILLED, reason: 'killed', message: `parent ${agent.pid} ended` });
      }
    }
    agent.children.clear();
    k.processes.get(agent.parent)?.children.delete(agent.pid);
    k.audit.record(agent.pid, 'lifecycle', 'exit', status.reason === 'normal', undefined, {
      code: status.code,
      reason: status.reason,
      message: status.message,
    });
    k.checkpoints.ended(agent);
    k.events.lifecycle('exit', agent);
    this.#dead.push(agent.pid);
    if (this.#dead.length > PARAMS.AGENTS_ENDED_KEPT) k.processes.remove(this.#dead.shift()!);
  }

  /** Where an ending agent's reparented children go: its closest ancestor still alive. */
  #nearestLiveAncestor(agent: Agent): Agent | undefined {
    let a = this.#k.processes.get(agent.parent);
    while (a !== undefined && !isAlive(a)) a = this.#k.processes.get(a.parent);
    return a ?? this.#k.processes.get(INIT_PID);
  }

  suspend(agent: Agent): void {
    if (!isAlive(agent) || agent.state === 'suspended') {
      throw new KernelError(
        'E_BAD_STATE',
        `Agent ${agent.pid} is ${agent.state}; only a live agent can be suspended`,
      );
    }
    if (agent.pid === INIT_PID) throw new KernelError('E_BAD_STATE', 'init cannot be suspended');
    agent.stateBeforeSuspend = agent.state;
    this.#k.processes.transition(agent, 'suspended');
    this.#k.scheduler.park(agent.pid);
    this.#k.audit.record(agent.pid, 'lifecycle', 'suspend', true);
    this.#k.events.lifecycle('suspend', agent);
  }

  resume(agent: Agent): void {
    if (agent.state !== 'suspended') {
      throw new KernelError('E_BAD_STATE', `Agent ${agent.pid} is ${agent.state}, not suspended`);
    }
    this.#k.processes.transition(agent, agent.stateBeforeSuspend ?? 'running');
    agent.stateBeforeSuspend = undefined;
    this.#k.scheduler.unpark(agent.pid, this.#k.ports.now());
    this.#k.audit.record(agent.pid, 'lifecycle', 'resume', true);
    this.#k.events.lifecycle('resume', agent);
  }

  /** A new agent running the same image with the same settings and duplicates of its handles. */
  clone(source: Agent, parent: Agent): { agent: Agent; handle: number } {
    const grants: Grant[] = [];
    for (const h of source.table.values()) {
      if (h.object === source.object || h.revoked || (h.rights & RIGHTS.DUPLICATE) === 0) continue;
      grants.push({ handle: h, rights: h.rights });
    }
    return this.spawn(
      parent,
      {
        name: `${source.name}-clone`,
        image: source.image,
        runtime: source.runtime,
        schedClass: source.schedClass,
        weight: source.weight,
        deadlineMs: source.deadlineMs,
        quotas: { ...source.quotas },
        orphans: source.orphans,
        labels: { ...source.labels, clonedFrom: String(source.pid) },
      },
      grants,
    );
  }

  /** Gives a live agent a new image; it keeps its pid, handles and children. */
  upgrade(agent: Agent, image: ImageRef): void {
    if (!isAlive(agent)) throw new KernelError('E_BAD_STATE', `Agent ${agent.pid} has ${agent.state}`);
    const from = agent.image;
    agent.image = image;
    this.#k.audit.record(agent.pid, 'lifecycle', 'upgrade', true, undefined, {
      from: from.hash,
      to: image.hash,
    });
    this.#k.events.lifecycle('upgrade', agent);
  }
}
