/**
 * Supervision with real agents on the built-in runtime: strategies, restart types, restart
 * intensity and escalation, ordered start and stop, checkpoints across crashes and restarts,
 * warm standbys, and service endpoints that outlive the agents behind them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { logPath } from '../src/platform/paths.ts';
import { SYSTEM_SERVICES } from '../src/services/system.ts';
import { core } from './helpers/internals.ts';
import { supervised, until } from './helpers/supervision.ts';

const three = (strategy: string) => ({
  name: 't',
  strategy,
  children: ['a', 'b', 'c'].map((id) => ({ id, file: 'worker.ts' })),
});

async function pids(s: Awaited<ReturnType<typeof supervised>>) {
  const tree = await s.child('t');
  return Object.fromEntries((tree?.children ?? []).map((c) => [c.id, c.pid]));
}

for (const [strategy, restarted] of [
  ['one_for_one', ['b']],
  ['one_for_all', ['a', 'b', 'c']],
  ['rest_for_one', ['b', 'c']],
] as const) {
  test(`${strategy}: a crash of b restarts ${restarted.join(', ')}`, async (t) => {
    const s = await supervised(t);
    await s.start(three(strategy));
    const before = await pids(s);
    const mark = s.events.length;
    await s.send('t/b', { crash: true });
    const after = await until('b is restarted', async () => {
      const p = await pids(s);
      return p.b !== before.b && p.b !== null ? p : undefined;
    });
    for (const id of ['a', 'b', 'c']) {
      assert.equal(
        after[id] !== before[id],
        (restarted as readonly string[]).includes(id),
        `${id} restarted?`,
      );
    }
    // Siblings stop last-started first, then everything touched starts again in order.
    const stopped = restarted.filter((id) => id !== 'b').reverse();
    const seen = s.events.slice(mark).map(([type, name]) => `${type} ${name}`);
    assert.deepEqual(
      seen.filter((e) => e.startsWith('exit') || e.startsWith('spawn')),
      ['exit b', ...stopped.map((id) => `exit ${id}`), ...restarted.map((id) => `spawn ${id}`)],
    );
    const b = (await s.child('t/b'))!;
    assert.equal(b.restarts, 1);
    assert.equal(b.lastExit?.message, 'asked to crash');
  });
}

test('restart types: permanent always, transient after a crash only, temporary never', async (t) => {
  const s = await supervised(t);
  const children = ['perm', 'trans', 'trans2', 'temp'].map((id) => ({
    id,
    file: 'worker.ts',
    restart: id.startsWith('perm') ? 'permanent' : id.startsWith('trans') ? 'transient' : 'temporary',
  }));
  await s.start({ name: 't', children, intensity: 10 });
  const before = await pids(s);

  await s.send('t/perm', { exit: 0 });
  await until('perm restarts after a normal exit', async () => (await pids(s)).perm !== before.perm);

  await s.send('t/trans', { exit: 0 });
  const trans = await until('trans ends', async () => {
    const c = await s.child('t/trans');
    return c?.state === 'stopped' ? c : undefined;
  });
  assert.equal(trans.pid, null, 'a transient child that ended normally stays down');

  await s.send('t/trans2', { exit: 3 });
  await until('trans2 restarts after exit code 3', async () => (await pids(s)).trans2 !== before.trans2);

  await s.send('t/temp', { crash: true });
  await until('temp is removed', async () => (await s.child('t/temp')) === undefined);
  assert.equal((await s.child('t/perm'))?.restarts, 1);
  assert.equal((await s.child('t/trans2'))?.restarts, 1);
});

test('more restarts than the intensity allows: the tree gives up, visibly', async (t) => {
  const s = await supervised(t);
  const started = await s.start({ name: 'loop', children: [{ id: 'c', file: 'crashy.ts' }] });
  const failed = await until('the tree gives up', async () => {
    const c = await s.child('loop');
    return c?.state === 'failed' ? c : undefined;
  });
  // The exit status says why.
  assert.equal(failed.lastExit?.code, 70);
  assert.match(failed.lastExit?.message ?? '', /gave up: more than 3 restarts within 5 s \(last: 'c' error/);
  assert.equal(s.events.filter(([type, name]) => type === 'spawn' && name === 'c').length, 4);
  // The audit chain has the supervisor's exit with that message.
  s.system.persist.flush();
  const exits = s.system.store.audit
    .page(0, 100_000)
    .map((line) => JSON.parse(line))
    .filter((e) => e.what === 'exit' && e.pid === started.pid);
  assert.equal(exits.length, 1);
  assert.equal(exits[0].detail.code, 70);
  assert.match(exits[0].detail.message, /gave up/);
  // And so does the log.
  s.system.log.flush();
  assert.match(readFileSync(logPath(s.env.aiosHome), 'utf8'), /supervisor loop: Supervisor 'loop' gave up/);
  // A tree that gave up is not restarted by the root.
  assert.equal(failed.pid, null);
});

test('escalation climbs the tree: a supervisor that gives up is restarted by its parent until it too gives up', async (t) => {
  const s = await supervised(t);
  await s.start({
    name: 'top',
    intensity: 1,
    children: [{ id: 'mid', type: 'supervisor', children: [{ id: 'c', file: 'crashy.ts' }] }],
  });
  const top = await until('top gives up', async () => {
    const c = await s.child('top');
    return c?.state === 'failed' ? c : undefined;
  });
  assert.match(top.lastExit?.message ?? '', /Supervisor 'top' gave up: more than 1 restarts .*'mid'/);
  assert.equal(s.events.filter(([type, name]) => type === 'spawn' && name === 'mid').length, 2);
  assert.equal(s.events.filter(([type, name]) => type === 'spawn' && name === 'c').length, 8);
});

test('children start in order and stop in reverse order; stopping forgets their checkpoints', async (t) => {
  const s = await supervised(t);
  await s.start(three('one_for_one'));
  const spawned = s.events.filter(([type, name]) => type === 'spawn' && 'abc'.includes(name));
  assert.deepEqual(
    spawned.map(([, name]) => name),
    ['a', 'b', 'c'],
  );
  assert.ok(spawned[0][2] < spawned[1][2] && spawned[1][2] < spawned[2][2]);
  for (const id of ['a', 'b', 'c']) await s.call(`t/${id}`, { incr: true });
  const keys = () =>
    [...core(s.system).checkpoints.values()].map((r) => r.key).filter((k) => k.includes('/t'));
  assert.deepEqual(keys().sort(), ['supervisor/t/a', 'supervisor/t/b', 'supervisor/t/c']);
  const mark = s.events.length;
  await s.system.supervisor!.stop('t');
  assert.deepEqual(
    s.events
      .slice(mark)
      .filter(([type]) => type === 'exit')
      .map(([, name]) => name),
    ['c', 'b', 'a', 't'],
  );
  assert.deepEqual(keys(), []);
  assert.equal(await s.child('t'), undefined);
});

test('a restarted worker resumes from its last checkpoint, which is in SQLite', async (t) => {
  const s = await supervised(t);
  await s.start({ name: 't', children: [{ id: 'counter', file: 'worker.ts' }] });
  for (let i = 1; i <= 3; i++) assert.equal((await s.call('t/counter', { incr: true })).n, i);
  const first = (await s.child('t/counter'))!.pid;
  await s.send('t/counter', { crash: true });
  const reply = await s.call('t/counter', { get: true });
  assert.notEqual(reply.pid, first, 'a new incarnation answered');
  assert.equal(reply.n, 3);
  const stored = s.system.store.checkpoints().find((r) => r.key === 'supervisor/t/counter');
  assert.deepEqual(JSON.parse(stored!.state), { n: 3 });
});

test('a critical worker’s warm standby takes over with the latest state, and a new standby is made', async (t) => {
  const s = await supervised(t);
  await s.start({ name: 't', children: [{ id: 'svc', file: 'worker.ts', critical: true }] });
  const before = (await s.child('t/svc'))!;
  assert.ok(before.standbyPid !== null && before.standbyPid !== before.pid);
  await s.call('t/svc', { incr: true });
  await s.call('t/svc', { incr: true });
  await s.send('t/svc', { crash: true });
  const reply = await s.call('t/svc', { get: true }); // queued while no instance serves
  assert.equal(reply.pid, before.standbyPid, 'the standby answered');
  assert.equal(reply.n, 2);
  const after = await until('a new standby is ready', async () => {
    const c = await s.child('t/svc');
    return c?.standbyPid !== null && c?.standbyPid !== before.standbyPid ? c : undefined;
  });
  assert.equal(after.pid, before.standbyPid);
  assert.equal(after.restarts, 1);
  // A standby that dies is replaced without touching the active instance.
  const k = s.system.kernel;
  const h = k.syscall(1, 'process_handle', { handle: s.system.systemHandle, pid: after.standbyPid! });
  k.syscall(1, 'process_kill', { handle: h });
  const replaced = await until('the standby is replaced', async () => {
    const c = await s.child('t/svc');
    return c?.standbyPid !== null && c?.standbyPid !== after.standbyPid ? c : undefined;
  });
  assert.equal(replaced.pid, after.pid);
  assert.equal((await s.call('t/svc', { get: true })).n, 2);
});

test('a worker’s endpoint outlives it: its siblings keep their handle across its restarts', async (t) => {
  const s = await supervised(t);
  await s.start({
    name: 't',
    children: [
      { id: 'db', file: 'worker.ts' },
      { id: 'api', file: 'worker.ts', connect: ['db'] },
    ],
  });
  await s.call('t/db', { incr: true });
  const first = await s.call('t/api', { ask: 'db' });
  await s.send('t/db', { crash: true });
  const second = await s.call('t/api', { ask: 'db' });
  assert.equal(second.pid, first.pid, 'api was not restarted');
  assert.notEqual((second.asked as { pid: number }).pid, (first.asked as { pid: number }).pid);
  assert.equal((second.asked as { n: number }).n, 1);
});

test('the system stops trees in order and, after it restarts, workers resume their checkpoints', async (t) => {
  const s = await supervised(t);
  await s.start({
    name: 'keep',
    children: [
      { id: 'w', file: 'worker.ts' },
      { id: 'x', file: 'worker.ts' },
    ],
  });
  await s.call('keep/w', { incr: true });
  await s.call('keep/w', { incr: true });
  const mark = s.events.length;
  await s.system.shutdown();
  assert.deepEqual(
    s.events.slice(mark).map(([type, name]) => `${type} ${name}`),
    // the system's services tree started first, so it stops last (its services in reverse order)
    [
      'exit x',
      'exit w',
      'exit keep',
      ...SYSTEM_SERVICES.map((s) => `exit ${s.decl.name}`).reverse(), // the services tree, last first
      'exit services',
      'exit supervisor',
    ],
  );
  const again = await s.reboot();
  const reply = (await again.supervisor!.call(['keep', 'w'], { incr: true })).json<{ n: number }>();
  assert.equal(reply.n, 3);
});

test('start failures and unknown names are typed errors', async (t) => {
  const s = await supervised(t);
  await s.start({ name: 'one', children: [{ id: 'w', file: 'worker.ts' }] });
  await assert.rejects(s.start({ name: 'one', children: [] }), {
    name: 'SupervisorError',
    code: 'already_present',
  });
  await assert.rejects(s.system.supervisor!.stop('nope'), { code: 'not_found' });
  await assert.rejects(s.system.supervisor!.connect(['one']), { code: 'not_a_service' });
  await assert.rejects(s.system.supervisor!.connect(['one', 'x']), { code: 'not_found' });
  s.file('child-quota.ts', 'export default async () => {};\n');
  await assert.rejects(
    s.start({
      name: 'big',
      children: [{ id: 'w', file: 'child-quota.ts', quotas: { memoryBytes: 2 ** 31 } }],
    }),
    (error: { code: string; message: string }) =>
      error.code === 'start_failed' && /Cannot start 'big'.*Cannot start 'w'.*memory/.test(error.message),
  );
  assert.equal(await s.child('big'), undefined, 'a tree that failed to start is not kept');
});

test('restarts leak no handles in the supervisor', async (t) => {
  const s = await supervised(t);
  const tree = await s.start({
    name: 't',
    intensity: 100,
    children: [
      { id: 'w', file: 'worker.ts', critical: true },
      { id: 'sub', type: 'supervisor', children: [{ id: 'x', file: 'worker.ts' }] },
    ],
  });
  const handles = () => core(s.system).processes.required(tree.pid!).table.size;
  const before = handles();
  const k = s.system.kernel;
  for (let i = 0; i < 5; i++) {
    const w = (await s.child('t/w'))!;
    await s.send('t/w', { crash: true });
    await until('w restarts', async () => (await s.child('t/w'))?.pid !== w.pid);
    const sub = (await s.child('t/sub'))!;
    k.syscall(1, 'process_kill', {
      handle: k.syscall(1, 'process_handle', { handle: s.system.systemHandle, pid: sub.pid! }),
    });
    await until('sub restarts', async () => {
      const c = await s.child('t/sub');
      return c?.pid !== sub.pid && c?.state === 'running' && c.children?.[0]?.state === 'running';
    });
  }
  await until('the last standby is in place', async () => (await s.child('t/w'))?.standbyPid !== null);
  assert.equal(handles(), before);
  assert.equal((await s.call('t/sub/x', { get: true })).n, 0);
});
