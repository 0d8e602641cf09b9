import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { RIGHTS } from './rights.ts';

const image = { ref: 'child.ts', hash: 'h' };

test('killing a parent kills its children unless it reparents them to init', () => {
  const t = testKernel();
  const parent = t.spawn({ grants: [{ handle: t.systemHandle, rights: RIGHTS.SPAWN }] });
  const spawnRight = parent.agent.startHandles[1];
  const child = t.sys<{ pid: number }>(parent.pid, 'process_spawn', {
    handle: spawnRight,
    image,
    runtime: 'builtin',
  });
  t.sys(1, 'process_kill', { handle: parent.handle });
  assert.equal(t.k.processes.required(child.pid).state, 'exited');
  assert.equal(t.k.processes.required(child.pid).exit?.message, `parent ${parent.pid} ended`);

  const keeper = t.spawn({ orphans: 'reparent', grants: [{ handle: t.systemHandle, rights: RIGHTS.SPAWN }] });
  const orphan = t.sys<{ pid: number }>(keeper.pid, 'process_spawn', {
    handle: keeper.agent.startHandles[1],
    image,
    runtime: 'builtin',
  });
  t.sys(1, 'process_kill', { handle: keeper.handle });
  const o = t.k.processes.required(orphan.pid);
  assert.equal(o.state, 'spawning');
  assert.equal(o.parent, 1);
});

test('suspend, resume and wait', () => {
  const t = testKernel();
  const a = t.spawn();
  t.sys(1, 'process_suspend', { handle: a.handle });
  assert.equal(a.agent.state, 'suspended');
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'channel_create')),
    'E_BAD_STATE',
    'a suspended agent makes no syscalls',
  );
  assert.equal(
    t.codeOf(() => t.sys(1, 'process_suspend', { handle: a.handle })),
    'E_BAD_STATE',
  );
  t.sys(1, 'process_resume', { handle: a.handle });
  assert.equal(a.agent.state, 'running');
  assert.equal(
    t.codeOf(() => t.sys(1, 'process_wait', { handle: a.handle })),
    'E_WOULD_BLOCK',
  );
  t.k.exited(a.pid, { code: 0, reason: 'normal', result: '"done"' });
  assert.deepEqual(t.sys(1, 'process_wait', { handle: a.handle }), {
    code: 0,
    reason: 'normal',
    result: '"done"',
  });
});

test('clone keeps image and settings under a new pid; upgrade keeps pid and handles', () => {
  const t = testKernel();
  const a = t.spawn({ schedClass: 'batch', weight: 7 });
  const [end] = t.sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const clone = t.sys<{ pid: number }>(1, 'process_clone', { handle: a.handle });
  const c = t.k.processes.required(clone.pid);
  assert.notEqual(clone.pid, a.pid);
  assert.deepEqual([c.image, c.schedClass, c.weight], [a.agent.image, 'batch', 7]);
  assert.equal(c.table.size, a.agent.table.size, 'duplicable handles were copied');

  t.sys(1, 'process_upgrade', { handle: a.handle, image: { ref: 'v2.ts', hash: 'h2' } });
  assert.equal(a.agent.image.ref, 'v2.ts');
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'handle_info', { handle: end })),
    'OK',
    'handles survive an upgrade',
  );
});

test('the children quota limits spawning', () => {
  const t = testKernel();
  const parent = t.spawn({
    quotas: { children: 2 },
    grants: [{ handle: t.systemHandle, rights: RIGHTS.SPAWN }],
  });
  const h = parent.agent.startHandles[1];
  t.sys(parent.pid, 'process_spawn', { handle: h, image, runtime: 'builtin' });
  t.sys(parent.pid, 'process_spawn', { handle: h, image, runtime: 'builtin' });
  assert.equal(
    t.codeOf(() => t.sys(parent.pid, 'process_spawn', { handle: h, image, runtime: 'builtin' })),
    'E_QUOTA',
  );
});

test('a child cannot be granted rights its parent does not hold, and init cannot be killed', () => {
  const t = testKernel();
  const parent = t.spawn({ grants: [{ handle: t.systemHandle, rights: RIGHTS.SPAWN | RIGHTS.INSPECT }] });
  const h = parent.agent.startHandles[1];
  const grants = [{ handle: h, rights: RIGHTS.SPAWN | RIGHTS.MINT }];
  assert.equal(
    t.codeOf(() => t.sys(parent.pid, 'process_spawn', { handle: h, image, runtime: 'builtin', grants })),
    'E_NO_RIGHTS',
  );
  const initHandle = t.sys<number>(1, 'process_handle', { handle: t.systemHandle, pid: 1 });
  assert.equal(
    t.codeOf(() => t.sys(1, 'process_kill', { handle: initHandle })),
    'E_BAD_STATE',
  );
});

test('init, the parent of everything started from outside, is bounded by the process table, not 256 children', () => {
  const t = testKernel();
  for (let i = 0; i < 1000; i++) {
    const { handle } = t.sys<{ handle: number }>(1, 'process_spawn', {
      handle: t.systemHandle,
      image,
      runtime: 'builtin',
    });
    t.sys(1, 'handle_close', { handle });
  }
  assert.equal(t.k.processes.required(1).children.size, 1000);
});

test('no caller but init starts or upgrades code in a runtime that confines less than its own', () => {
  const t = testKernel();
  const trusted = t.spawn(); // builtin, as the system's own agents
  // a confined agent that was handed spawn on the system and manage on the trusted agent
  const confined = t.spawn({
    runtime: 'isolate',
    grants: [
      { handle: t.systemHandle, rights: RIGHTS.SPAWN },
      { handle: trusted.handle, rights: RIGHTS.MANAGE },
    ],
  });
  const [spawnRight, manageRight] = confined.agent.startHandles.slice(1);
  for (const runtime of ['builtin', 'process']) {
    assert.equal(
      t.codeOf(() => t.sys(confined.pid, 'process_spawn', { handle: spawnRight, image, runtime })),
      'E_NO_RIGHTS',
      `an isolate agent cannot spawn in ${runtime}`,
    );
  }
  assert.equal(
    t.codeOf(() => t.sys(confined.pid, 'process_upgrade', { handle: manageRight, image })),
    'E_NO_RIGHTS',
    'nor put new code into a builtin agent',
  );
  assert.equal(trusted.agent.image.ref, 'agent-1.ts');
  assert.equal(
    t.codeOf(() => t.sys(confined.pid, 'process_spawn', { handle: spawnRight, image, runtime: 'wasm' })),
    'OK',
  );
  // init (the owner) and a builtin agent may choose any runtime
  assert.equal(
    t.codeOf(() => t.sys(1, 'process_upgrade', { handle: trusted.handle, image })),
    'OK',
  );
});
