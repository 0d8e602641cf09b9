/**
 * Subtree budgets, attacked from inside the tree: a child asks for more than its parent
 * holds, a spawn tree grows wide and deep, children share out memory and LLM tokens, and a
 * reparenting agent tries to hand its children out of the tree. Each is refused with E_QUOTA
 * naming the limit; the system-wide agent limit holds as well.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import type { KernelError } from './errors.ts';
import { PARAMS } from './params.ts';
import type { Quotas } from './process.ts';
import { RIGHTS, RIGHTS_ALL } from './rights.ts';
import { FairPolicy } from './sched/fair.ts';
import { Scheduler } from './sched/scheduler.ts';

const image = { ref: 'child.ts', hash: 'h' };
const SPAWN = RIGHTS.SPAWN | RIGHTS.DUPLICATE;

/** A kernel with one agent under init holding a spawn handle and an LLM handle. */
function tree(quotas: Partial<Quotas>, options: { agentsMax?: number } = {}) {
  const t = testKernel(options);
  const init = t.k.processes.required(1);
  const llm = t.k.handles.install(init.table, 1, t.k.resource('llm'), RIGHTS_ALL).value;
  const root = t.spawn({
    quotas,
    grants: [
      { handle: t.systemHandle, rights: SPAWN },
      { handle: llm, rights: RIGHTS.USE | RIGHTS.DUPLICATE },
    ],
  });
  /** Spawns a child of `parent` (pid) passing on its spawn and LLM handles. */
  const child = (parent: number, extra: Record<string, unknown> = {}) => {
    const p = t.k.processes.required(parent);
    const [, spawn, use] = p.startHandles;
    const r = t.sys<{ pid: number; handle: number }>(parent, 'process_spawn', {
      handle: spawn,
      image,
      runtime: 'builtin',
      grants: [
        { handle: spawn, rights: SPAWN },
        { handle: use, rights: RIGHTS.USE | RIGHTS.DUPLICATE },
      ],
      ...extra,
    });
    t.k.started(r.pid);
    return r.pid;
  };
  /** The error a call throws, with its message. */
  const refusal = (fn: () => unknown): { code: string; message: string } => {
    try {
      fn();
    } catch (e) {
      return { code: (e as KernelError).code, message: (e as KernelError).message };
    }
    return { code: 'OK', message: '' };
  };
  return { t, root, child, refusal };
}

test('no quota of a child exceeds its parent’s; unasked quotas are the default or the parent’s, if less', () => {
  const parent = {
    memoryBytes: 1 << 20,
    cpuMsPerEpoch: 100,
    ipcQueueDepth: 64,
    llmTokensPerMin: 100,
    children: 5,
  };
  const { t, root, child, refusal } = tree(parent);
  for (const [field, value] of [
    ['cpuMsPerEpoch', 10_000],
    ['llmTokensPerMin', 100_000],
    ['children', 100_000],
    ['memoryBytes', 1 << 21],
    ['ipcQueueDepth', 4096],
  ] as const) {
    const r = refusal(() => child(root.pid, { quotas: { [field]: value } }));
    assert.equal(r.code, 'E_QUOTA', field);
    assert.match(r.message, new RegExp(`${field}.*${parent[field]}`), r.message);
  }
  const pid = child(root.pid);
  assert.deepEqual(t.k.processes.required(pid).quotas, { ...parent, children: 5 });
});

test('a wide, deep spawn tree stops at its root’s children quota, counting every agent below it', () => {
  const { t, root, child, refusal } = tree({ children: 12 });
  let made = 0;
  let last = { code: 'OK', message: '' };
  const grow = (parent: number, depth: number) => {
    for (let i = 0; i < 10 && depth < 3; i++) {
      last = refusal(() => {
        const pid = child(parent);
        made++;
        grow(pid, depth + 1);
      });
    }
  };
  grow(root.pid, 0);
  assert.equal(made, 12, 'the whole tree holds at most 12 agents below its root');
  assert.equal(last.code, 'E_QUOTA');
  assert.match(last.message, new RegExp(`agent ${root.pid}.*12 agents below it.*children quota`));
  assert.equal(t.k.processes.required(root.pid).subtree.agents, 12);
});

test('agents below an agent share its memory and LLM budget', () => {
  const { t, root, child, refusal } = tree({ memoryBytes: 1 << 20, llmTokensPerMin: 100 });
  const a = child(root.pid);
  const b = child(root.pid);
  t.sys(a, 'region_alloc', { size: 600 * 1024 });
  const mem = refusal(() => t.sys(b, 'region_alloc', { size: 600 * 1024 }));
  assert.equal(mem.code, 'E_QUOTA');
  assert.match(mem.message, new RegExp(`memory quota of agent ${root.pid}`));

  const llmOf = (pid: number) => t.k.processes.required(pid).startHandles[2];
  t.sys(a, 'sched_submit', { handle: llmOf(a), cost: 60 });
  const llm = refusal(() => t.sys(b, 'sched_submit', { handle: llmOf(b), cost: 60 }));
  assert.equal(llm.code, 'E_QUOTA');
  assert.match(llm.message, new RegExp(`LLM quota of agent ${root.pid}`));
  t.ports.advance(60_000);
  t.sys(b, 'sched_submit', { handle: llmOf(b), cost: 60 });
});

test('memory freed, and agents ended, give their budget back', () => {
  const { t, root, child, refusal } = tree({ memoryBytes: 1 << 20, children: 2 });
  const a = child(root.pid);
  const r = t.sys<{ handle: number }>(a, 'region_alloc', { size: 1 << 20 });
  t.sys(a, 'region_free', { handle: r.handle });
  t.sys(a, 'region_alloc', { size: 1 << 20 });
  child(root.pid);
  assert.equal(refusal(() => child(root.pid)).code, 'E_QUOTA');
  t.k.exited(a, { code: 0, reason: 'normal' });
  child(root.pid);
  assert.equal(t.k.processes.required(root.pid).subtree.memoryBytes, 0);
});

test('reparenting does not take agents out of the tree: orphans go to the nearest live ancestor', () => {
  const { t, root, child, refusal } = tree({ children: 3 });
  const keeper = child(root.pid, { orphans: 'reparent' });
  const orphans = [child(keeper), child(keeper)];
  t.k.exited(keeper, { code: 0, reason: 'normal' });
  for (const pid of orphans) assert.equal(t.k.processes.required(pid).parent, root.pid);
  child(root.pid);
  const r = refusal(() => child(root.pid));
  assert.equal(r.code, 'E_QUOTA', 'the orphans still count against the root');
});

test('the system-wide agent limit refuses one more agent, from anyone', () => {
  const { t, child, root, refusal } = tree({}, { agentsMax: 6 });
  // init and the root are two; four more fill the table
  for (let i = 0; i < 4; i++) child(root.pid);
  const r = refusal(() => child(root.pid));
  assert.equal(r.code, 'E_QUOTA');
  assert.match(r.message, /system already runs 6 agents, its limit/);
  assert.equal(refusal(() => t.spawn()).code, 'E_QUOTA', 'init too');
});

test("a subtree's CPU per epoch is bounded by its root's quota: children together cannot outrun their parent", () => {
  // 2 is the parent (quota 20 ms an epoch); 3 and 4 its children, each given the parent's 20.
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'cpu', slots: 1 }, 0);
  const parents: Record<number, number[]> = { 2: [], 3: [2], 4: [2], 5: [] };
  s.cpuBudgets = (pid) => parents[pid] ?? [];
  for (const pid of [2, 3, 4]) s.setCpuQuota(pid, 20);
  s.setCpuQuota(5, 1000); // a bystander in another tree
  for (const pid of [3, 4, 5]) for (let i = 0; i < 4; i++) s.submit({ pid, resource: 'cpu', cost: 10 }, 0);
  let now = 0;
  const ran: number[] = [];
  for (let i = 0; i < 12; i++) {
    const [r] = s.dispatch(now);
    if (!r) break;
    ran.push(r.pid);
    now += 1;
    s.complete(r.id, now, 10);
  }
  const tree = ran.filter((pid) => pid !== 5).length;
  assert.equal(tree, 2, `the tree of agent 2 ran ${tree} slices of 10 ms against its 20 ms quota`);
  assert.equal(ran.filter((pid) => pid === 5).length, 4, 'the bystander in another tree is not held back');
  const next = s.dispatch(now + PARAMS.EPOCH_MS);
  assert.equal(next.length, 1, 'the next epoch lets the tree run again');
});

test("in the kernel, children spinning on CPU share their parent's epoch quota; another tree is not held back", () => {
  const { t, root, child } = tree({ cpuMsPerEpoch: 20 });
  const a = child(root.pid);
  const b = child(root.pid);
  const stranger = t.spawn({ quotas: { cpuMsPerEpoch: 1000 } }).pid; // a tree of its own under init
  const s = t.k.scheduler;
  const now = t.ports.now();
  for (const pid of [a, b, stranger])
    for (let i = 0; i < 4; i++) s.submit({ pid, resource: 'cpu', cost: 10 }, now);
  const ran: number[] = [];
  for (let round = 0; round < 12; round++) {
    const started = s.dispatch(now);
    if (started.length === 0) break;
    for (const r of started) {
      ran.push(r.pid);
      s.complete(r.id, now, 10);
    }
  }
  const tree2 = ran.filter((pid) => pid === a || pid === b).length;
  assert.ok(tree2 <= 3, `agent ${root.pid}'s children ran ${tree2} slices of 10 ms against its 20 ms quota`);
  assert.equal(ran.filter((pid) => pid === stranger).length, 4, 'the other tree ran all of its slices');
});
