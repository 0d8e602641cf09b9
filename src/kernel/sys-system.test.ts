/**
 * The system family, tried by callers who should not get what they ask for: a resource
 * handle from a handle to another resource, more rights than they hold, the system in detail
 * or the audit without the right. Each refusal is one audit entry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { RIGHTS } from './rights.ts';

function withResource(name: string, rights: number) {
  const t = testKernel();
  const a = t.spawn();
  const h = t.k.handles.install(a.agent.table, a.pid, t.k.resource(name), rights).value;
  return { t, a, h };
}

test('resource_handle derives only from the system handle or the same resource, never widening', () => {
  const { t, a, h } = withResource('llm', RIGHTS.USE | RIGHTS.DUPLICATE);
  const ask = (name: string, rights: number) =>
    t.codeOf(() => t.sys(a.pid, 'resource_handle', { handle: h, name, rights }));
  assert.equal(ask('tool', RIGHTS.USE), 'E_NO_RIGHTS', 'an llm handle does not make a tool handle');
  assert.equal(ask('system', RIGHTS.USE), 'E_NO_RIGHTS', 'nor a system handle');
  const made = t.sys<{ handle: number; rights: number }>(a.pid, 'resource_handle', {
    handle: h,
    name: 'llm',
    rights: RIGHTS.USE | RIGHTS.MINT | RIGHTS.AUDIT,
  });
  assert.equal(made.rights, RIGHTS.USE, 'rights the handle lacks are not granted');
  const denied = t.audit().filter((e) => e.what === 'resource_handle' && !e.ok);
  assert.equal(denied.length, 2, 'each refusal is one entry');
});

test('resource_handle needs the duplicate right', () => {
  const { t, a, h } = withResource('tool', RIGHTS.USE);
  const code = t.codeOf(() =>
    t.sys(a.pid, 'resource_handle', { handle: h, name: 'tool', rights: RIGHTS.USE }),
  );
  assert.equal(code, 'E_NO_RIGHTS');
});

test('init derives resource handles from the system handle', () => {
  const t = testKernel();
  const made = t.sys<{ handle: number; rights: number }>(1, 'resource_handle', {
    handle: t.systemHandle,
    name: 'tool',
    rights: RIGHTS.USE | RIGHTS.DESTROY,
  });
  assert.equal(made.rights, RIGHTS.USE | RIGHTS.DESTROY);
  const info = t.sys<{ kind: string; rights: string[] }>(1, 'handle_info', { handle: made.handle });
  assert.deepEqual(info.rights.sort(), ['destroy', 'use']);
});

test('system_info in detail needs inspect on the system handle; the summary needs any handle', () => {
  const { t, a, h } = withResource('llm', RIGHTS.USE | RIGHTS.INSPECT);
  const summary = t.sys<{ agents: number; byState?: object }>(a.pid, 'system_info', { handle: h });
  assert.equal(summary.agents, 2);
  assert.equal(summary.byState, undefined, 'no detail unless asked and allowed');
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'system_info', { handle: h, detail: true })),
    'E_BAD_HANDLE',
  );
  const sys = t.k.handles.install(a.agent.table, a.pid, t.k.system, RIGHTS.USE).value;
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'system_info', { handle: sys, detail: true })),
    'E_NO_RIGHTS',
  );
  const detail = t.sys<{ byState: Record<string, number> }>(1, 'system_info', {
    handle: t.systemHandle,
    detail: true,
  });
  assert.deepEqual(detail.byState, { running: 2 });
});

test('audit_read needs the audit right on the system handle', () => {
  const { t, a, h } = withResource('llm', RIGHTS.AUDIT);
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'audit_read', { handle: h })),
    'E_BAD_HANDLE',
  );
  const sys = t.k.handles.install(a.agent.table, a.pid, t.k.system, RIGHTS.INSPECT).value;
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'audit_read', { handle: sys })),
    'E_NO_RIGHTS',
  );
  const sealed = t.audit().length;
  const head = t.sys<{ seq: number; hash: string }>(1, 'audit_read', { handle: t.systemHandle });
  assert.equal(head.seq, sealed, 'the head is the last sealed entry');
  assert.equal(t.audit().filter((e) => e.what === 'audit_read' && !e.ok).length, 2);
});

test('the host plane is not a syscall: an agent naming its operations gets E_UNKNOWN_CALL', () => {
  const t = testKernel();
  const a = t.spawn();
  for (const name of [
    'openSession',
    'end',
    'started',
    'exited',
    'refuse',
    'adopt',
    'countCarried',
    'tick',
    'note',
  ]) {
    assert.equal(
      t.codeOf(() => t.sys(a.pid, name, { pid: 1 })),
      'E_UNKNOWN_CALL',
      name,
    );
  }
  assert.equal(t.k.processes.required(1).state, 'running', 'init untouched');
});

test('resource_handle refuses unknown and oversized resource names with one clear error', () => {
  const t = testKernel();
  const ask = (name: string) =>
    t.codeOf(() => t.sys(1, 'resource_handle', { handle: t.systemHandle, name, rights: RIGHTS.USE }));
  assert.equal(ask('gpu'), 'E_NOT_FOUND');
  assert.equal(ask('x'.repeat(1_000_000)), 'E_BAD_ARG');
  assert.equal(ask('__proto__'), 'E_NOT_FOUND');
});

test('tool_invoke takes only the tool resource or the system handle, at the rights of its risk', () => {
  const { t, a, h } = withResource('llm', RIGHTS.USE | RIGHTS.READ | RIGHTS.WRITE | RIGHTS.DESTROY);
  const invoke = (handle: number, risk: number) =>
    t.codeOf(() => t.sys(a.pid, 'tool_invoke', { handle, tool: 'files', action: 'delete', risk }));
  assert.equal(invoke(h, 0), 'E_BAD_HANDLE', 'an llm handle authorises no tool');
  const sys = t.k.handles.install(a.agent.table, a.pid, t.k.system, RIGHTS.USE | RIGHTS.READ).value;
  assert.equal(invoke(sys, 0), 'OK');
  assert.equal(invoke(sys, 3), 'E_NO_RIGHTS', 'the system handle without destroy allows no risk 3');
  assert.equal(invoke(sys, 7), 'E_BAD_ARG');
});
