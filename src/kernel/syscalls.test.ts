import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { compileArgs } from './args.ts';
import { ERROR_CODES } from './errors.ts';
import { RIGHTS } from './rights.ts';
import { SYSCALLS } from './syscalls.ts';

test('the table is one consistent source: unique numbers and names, object_verb names, docs', () => {
  const numbers = new Set(SYSCALLS.map((s) => s.no));
  const names = new Set(SYSCALLS.map((s) => s.name));
  assert.equal(numbers.size, SYSCALLS.length);
  assert.equal(names.size, SYSCALLS.length);
  for (const s of SYSCALLS) {
    assert.match(s.name, /^[a-z]+_[a-z_]+$/, `${s.name} is object_verb`);
    assert.ok(s.doc.length > 10 && !s.doc.endsWith('.'), `${s.name} has a doc line`);
    if (s.handle)
      assert.ok(s.args[s.handle.arg]?.type === 'handle', `${s.name} checks the handle it declares`);
    for (const [name, arg] of Object.entries(s.args)) assert.ok(arg.doc, `${s.name}.${name} is documented`);
    // dispatch compiles a call's checker at its first use: each one must compile
    assert.equal(typeof compileArgs(s.args), 'function', `${s.name}'s arguments compile`);
  }
});

test('distinct errors: unknown call, bad argument, missing right, not found, would block, quota', () => {
  const t = testKernel();
  const a = t.spawn({
    quotas: { memoryBytes: 4096 },
    grants: [{ handle: t.systemHandle, rights: RIGHTS.SPAWN }],
  });
  const [end] = t.sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const cases: [string, () => unknown][] = [
    ['E_UNKNOWN_CALL', () => t.sys(a.pid, 'channel_frobnicate')],
    ['E_UNKNOWN_CALL', () => t.k.syscall(a.pid, 9999, {})],
    ['E_BAD_ARG', () => t.sys(a.pid, 'channel_write', { handle: end })],
    ['E_BAD_ARG', () => t.sys(a.pid, 'channel_write', { handle: end, bytes: 'text' })],
    ['E_BAD_ARG', () => t.sys(a.pid, 'channel_write', { handle: end, bytes: new Uint8Array(1), extra: 1 })],
    ['E_BAD_ARG', () => t.sys(a.pid, 'channel_write', { handle: -1, bytes: new Uint8Array(1) })],
    ['E_BAD_HANDLE', () => t.sys(a.pid, 'channel_write', { handle: 77, bytes: new Uint8Array(1) })],
    ['E_NO_RIGHTS', () => t.sys(a.pid, 'process_list', { handle: a.agent.startHandles[1] })],
    ['E_BAD_HANDLE', () => t.sys(a.pid, 'process_list', { handle: a.agent.startHandles[0] })],
    ['E_NOT_FOUND', () => t.sys(1, 'process_handle', { handle: t.systemHandle, pid: 4242 })],
    ['E_WOULD_BLOCK', () => t.sys(a.pid, 'channel_read', { handle: end })],
    ['E_QUOTA', () => t.sys(a.pid, 'region_alloc', { size: 8192 })],
  ];
  for (const [code, fn] of cases) assert.equal(t.codeOf(fn), code);
  assert.ok(Object.keys(ERROR_CODES).length >= 15);
});

test('every decision is audited: allowed control calls and each denial are entries, data calls are counted', () => {
  const t = testKernel();
  const a = t.spawn();
  const [w, r] = t.sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  for (let i = 0; i < 5; i++) t.sys(a.pid, 'channel_write', { handle: w, bytes: new Uint8Array(10) });
  t.codeOf(() => t.sys(a.pid, 'process_list', { handle: r }));
  const entries = t.audit().filter((e) => e.pid === a.pid);
  assert.ok(entries.some((e) => e.what === 'channel_create' && e.ok));
  const counted = entries.find((e) => e.kind === 'syscalls' && e.what === 'channel_write');
  assert.deepEqual(counted?.detail, { count: 5, bytes: 50 });
  const denied = entries.find((e) => e.what === 'process_list');
  assert.equal(denied?.ok, false);
  assert.equal(denied?.code, 'E_BAD_HANDLE');
});

test('the paranoid audit level records every allowed call as its own entry', () => {
  const t = testKernel({ auditLevel: 'paranoid' });
  const a = t.spawn();
  const [w] = t.sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  for (let i = 0; i < 3; i++) t.sys(a.pid, 'channel_write', { handle: w, bytes: new Uint8Array(1) });
  assert.equal(t.audit().filter((e) => e.what === 'channel_write').length, 3);
});

test('tool calls need the rights of their risk level on the tool handle', () => {
  const t = testKernel();
  const a = t.spawn();
  const tool = t.k.resource('tool');
  const h = t.k.handles.install(a.agent.table, a.pid, tool, RIGHTS.USE | RIGHTS.READ | RIGHTS.WRITE).value;
  const call = (risk: number) =>
    t.codeOf(() => t.sys(a.pid, 'tool_invoke', { handle: h, tool: 'files', action: 'x', risk }));
  assert.deepEqual([0, 1, 2, 3].map(call), ['OK', 'OK', 'E_NO_RIGHTS', 'E_NO_RIGHTS']);
  const audit = t.audit().filter((e) => e.what === 'tool_invoke');
  assert.deepEqual(
    audit.map((e) => e.ok),
    [true, true, false, false],
  );
});
