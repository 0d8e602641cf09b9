import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDeterministicPorts } from '../platform/ports.ts';
import type { CheckpointRecord } from './checkpoint.ts';
import { KernelError } from './errors.ts';
import { Kernel } from './kernel.ts';
import { PARAMS } from './params.ts';
import { RIGHTS } from './rights.ts';

function kernel() {
  const k = new Kernel(createDeterministicPorts(7));
  const sunk: [string, CheckpointRecord | undefined][] = [];
  k.events.on('checkpoint', (key, record) => sunk.push([key, record]));
  const { systemHandle } = k.boot();
  const spawn = (pid: number, handle: number, labels?: Record<string, string>) => {
    const r = k.syscall(pid, 'process_spawn', {
      handle,
      image: { ref: 'a.ts', hash: '' },
      runtime: 'builtin',
      labels,
    }) as { pid: number; handle: number };
    k.started(r.pid);
    return r;
  };
  return { k, sunk, systemHandle, spawn };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof KernelError, String(error));
    return error.code;
  }
  return 'no error';
}

test('a saved state is loaded back and handed to the store hook', () => {
  const { k, sunk, systemHandle, spawn } = kernel();
  const { pid } = spawn(1, systemHandle, { checkpoint: 'counter' });
  assert.equal(k.syscall(pid, 'checkpoint_load', {}), null);
  k.syscall(pid, 'checkpoint_save', { state: '{"n":1}' });
  const saved = k.syscall(pid, 'checkpoint_save', { state: '{"n":2}' }) as { key: string; seq: number };
  assert.deepEqual(saved, { key: 'counter', seq: 2 });
  const loaded = k.syscall(pid, 'checkpoint_load', {}) as CheckpointRecord;
  assert.equal(loaded.state, '{"n":2}');
  assert.equal(loaded.pid, pid);
  assert.deepEqual(
    sunk.map(([key, r]) => [key, r?.state]),
    [
      ['counter', '{"n":1}'],
      ['counter', '{"n":2}'],
    ],
  );
});

test('a successor spawned under the same name loads its predecessor’s state', () => {
  const { k, systemHandle, spawn } = kernel();
  const first = spawn(1, systemHandle, { checkpoint: 'svc' });
  k.syscall(first.pid, 'checkpoint_save', { state: '"before the crash"' });
  k.exited(first.pid, { code: 1, reason: 'crashed' });
  const second = spawn(1, systemHandle, { checkpoint: 'svc' });
  assert.equal(
    (k.syscall(second.pid, 'checkpoint_load', {}) as CheckpointRecord).state,
    '"before the crash"',
  );
});

test('names are prefixed with the spawner’s key, so an agent cannot reach another’s state', () => {
  const { k, systemHandle, spawn } = kernel();
  const bank = spawn(1, systemHandle, { checkpoint: 'bank' });
  k.syscall(bank.pid, 'checkpoint_save', { state: '{"secret":42}' });
  // An agent that may spawn names a child 'bank' and hopes to load the bank's state.
  const thief = k.syscall(1, 'process_spawn', {
    handle: systemHandle,
    image: { ref: 'thief.ts', hash: '' },
    runtime: 'builtin',
    grants: [{ handle: systemHandle, rights: RIGHTS.SPAWN }],
  }) as { pid: number };
  k.started(thief.pid);
  const spawnHandle = k.processes.required(thief.pid).startHandles[1];
  const child = spawn(thief.pid, spawnHandle, { checkpoint: 'bank' });
  assert.equal(k.processes.required(child.pid).labels.checkpoint, `pid:${thief.pid}/bank`);
  assert.equal(k.syscall(child.pid, 'checkpoint_load', {}), null);
  k.syscall(child.pid, 'checkpoint_save', { state: '{"secret":0}' });
  assert.equal((k.syscall(bank.pid, 'checkpoint_load', {}) as CheckpointRecord).state, '{"secret":42}');
  for (const bad of ['../bank', 'a/b', 'pid:3', '']) {
    const r = (() => {
      try {
        spawn(thief.pid, spawnHandle, { checkpoint: bad });
        return 'spawned';
      } catch (error) {
        return (error as KernelError).code;
      }
    })();
    assert.equal(r, 'E_BAD_ARG', `name '${bad}'`);
  }
});

test('clear forgets a child’s subtree but not a sibling whose name shares a prefix', () => {
  const { k, systemHandle, spawn } = kernel();
  const sup = spawn(1, systemHandle, { checkpoint: 'supervisor' });
  const supAgent = k.processes.required(sup.pid);
  const kids = ['web', 'webapp'].map((name) => {
    const { agent } = k.lifecycle.spawn(
      supAgent,
      {
        image: { ref: 'x.ts', hash: '' },
        runtime: 'builtin',
        labels: k.checkpoints.labelChild(supAgent, { checkpoint: name }),
      },
      [],
    );
    k.started(agent.pid);
    return agent;
  });
  const { agent: grandchild } = k.lifecycle.spawn(
    kids[0],
    {
      image: { ref: 'y.ts', hash: '' },
      runtime: 'builtin',
      labels: k.checkpoints.labelChild(kids[0], { checkpoint: 'db' }),
    },
    [],
  );
  k.started(grandchild.pid);
  for (const a of [...kids, grandchild]) k.syscall(a.pid, 'checkpoint_save', { state: '1' });
  assert.deepEqual([...k.checkpoints.values()].map((r) => r.key).sort(), [
    'supervisor/web',
    'supervisor/web/db',
    'supervisor/webapp',
  ]);
  assert.deepEqual(k.syscall(sup.pid, 'checkpoint_clear', { name: 'web' }), { cleared: 2 });
  assert.deepEqual(
    [...k.checkpoints.values()].map((r) => r.key),
    ['supervisor/webapp'],
  );
});

test('an unnamed agent’s checkpoint ends with it', () => {
  const { k, sunk, systemHandle, spawn } = kernel();
  const { pid } = spawn(1, systemHandle);
  k.syscall(pid, 'checkpoint_save', { state: '[]' });
  k.exited(pid, { code: 0, reason: 'normal' });
  assert.equal(k.checkpoints.size, 0);
  assert.deepEqual(sunk.at(-1), [`pid:${pid}`, undefined]);
});

test('oversized or malformed checkpoints are refused with typed errors', () => {
  const { k, systemHandle, spawn } = kernel();
  const { pid } = spawn(1, systemHandle, { checkpoint: 'big' });
  const big = JSON.stringify('x'.repeat(PARAMS.CHECKPOINT_MAX_CHARS));
  assert.equal(
    codeOf(() => k.syscall(pid, 'checkpoint_save', { state: big })),
    'E_TOO_BIG',
  );
  assert.equal(
    codeOf(() => k.syscall(pid, 'checkpoint_save', { state: 3 })),
    'E_BAD_ARG',
  );
  assert.equal(
    codeOf(() => k.syscall(pid, 'checkpoint_load', { key: 'bank' })),
    'E_BAD_ARG',
  );
});

test('a restarted kernel gets its checkpoints back from the store', () => {
  const first = kernel();
  const { pid } = first.spawn(1, first.systemHandle, { checkpoint: 'svc' });
  first.k.syscall(pid, 'checkpoint_save', { state: '{"v":9}' });
  const stored = first.sunk.map(([, r]) => r!).filter(Boolean);

  const k = new Kernel(createDeterministicPorts(8));
  const { systemHandle } = k.boot({
    nextPid: 50,
    tokens: [],
    audit: { seq: 0, hash: '0'.repeat(64), sealHash: '', block: [] },
    checkpoints: stored,
  });
  const again = k.syscall(1, 'process_spawn', {
    handle: systemHandle,
    image: { ref: 'a.ts', hash: '' },
    runtime: 'builtin',
    labels: { checkpoint: 'svc' },
  }) as { pid: number };
  k.started(again.pid);
  assert.equal((k.syscall(again.pid, 'checkpoint_load', {}) as CheckpointRecord).state, '{"v":9}');
  const next = k.syscall(again.pid, 'checkpoint_save', { state: '{"v":10}' }) as { seq: number };
  assert.ok(next.seq > stored.at(-1)!.seq, 'sequence numbers keep increasing across restarts');
});
