import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { RIGHTS } from './rights.ts';

test('duplicate can narrow rights but never widen them', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [end] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const readOnly = sys<number>(a.pid, 'handle_duplicate', {
    handle: end,
    rights: RIGHTS.READ | RIGHTS.DUPLICATE,
  });
  assert.deepEqual(sys<{ rights: string[] }>(a.pid, 'handle_info', { handle: readOnly }).rights, [
    'read',
    'duplicate',
  ]);
  assert.equal(
    codeOf(() => sys(a.pid, 'handle_duplicate', { handle: readOnly, rights: RIGHTS.READ | RIGHTS.WRITE })),
    'E_NO_RIGHTS',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: readOnly, bytes: new Uint8Array(1) })),
    'E_NO_RIGHTS',
  );
});

test('duplicating needs the duplicate right', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [end] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const noDup = sys<number>(a.pid, 'handle_duplicate', { handle: end, rights: RIGHTS.READ });
  assert.equal(
    codeOf(() => sys(a.pid, 'handle_duplicate', { handle: noDup, rights: RIGHTS.READ })),
    'E_NO_RIGHTS',
  );
});

test('revoking a handle stops every handle derived from it, in every agent', () => {
  const { sys, spawn, codeOf, agentHandles } = testKernelWithHandles();
  const a = spawn();
  const [end] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const child = sys<number>(a.pid, 'handle_duplicate', {
    handle: end,
    rights: RIGHTS.WRITE | RIGHTS.DUPLICATE | RIGHTS.TRANSFER,
  });
  const grandchild = sys<number>(a.pid, 'handle_duplicate', {
    handle: child,
    rights: RIGHTS.WRITE | RIGHTS.TRANSFER,
  });
  const [toB, forB] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const b = spawn({ grants: [] });
  const bEnd = agentHandles(a.pid, b.pid, forB);
  sys(a.pid, 'channel_write', { handle: toB, bytes: new Uint8Array(0), handles: [grandchild] });
  const [moved] = sys<{ handles: number[] }>(b.pid, 'channel_read', { handle: bEnd }).handles;
  assert.equal(
    codeOf(() => sys(a.pid, 'handle_info', { handle: grandchild })),
    'E_BAD_HANDLE',
    'the sender no longer holds it',
  );
  assert.equal(
    codeOf(() => sys(b.pid, 'channel_write', { handle: moved, bytes: new Uint8Array(1) })),
    'OK',
  );
  assert.equal(sys<number>(a.pid, 'handle_revoke', { handle: end }), 3);
  assert.equal(
    codeOf(() => sys(b.pid, 'channel_write', { handle: moved, bytes: new Uint8Array(1) })),
    'E_REVOKED',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: child, bytes: new Uint8Array(1) })),
    'E_REVOKED',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: end, bytes: new Uint8Array(1) })),
    'E_BAD_HANDLE',
  );
});

/** testKernel plus a way to hand an agent one of another agent's handles (as spawn grants do). */
function testKernelWithHandles() {
  const t = testKernel();
  const agentHandles = (from: number, to: number, value: number): number => {
    const giver = t.k.processes.required(from);
    const taker = t.k.processes.required(to);
    const h = giver.table.get(value)!;
    return t.k.handles.duplicate(taker.table, h, h.rights, to).value;
  };
  return { ...t, agentHandles };
}

test('a guessed handle value names nothing, and values are per agent', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const b = spawn();
  const [end] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  // b uses a's real value: it is not in b's table.
  assert.equal(
    codeOf(() => sys(b.pid, 'channel_write', { handle: end, bytes: new Uint8Array(1) })),
    'E_BAD_HANDLE',
  );
  let hits = 0;
  for (let guess = 1; guess < 5000; guess++) {
    if (codeOf(() => sys(b.pid, 'handle_info', { handle: guess })) !== 'E_BAD_HANDLE') hits++;
  }
  assert.equal(hits, 0);
});

test('closing a handle not held is harmless; closing the last handle closes the channel', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  assert.equal(sys(a.pid, 'handle_close', { handle: 12345 }), false);
  const [end, peer] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  assert.equal(sys(a.pid, 'handle_close', { handle: peer }), true);
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: end, bytes: new Uint8Array(1) })),
    'E_PEER_CLOSED',
  );
});

test('a handle of the wrong kind is refused', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const { handle: region } = sys<{ handle: number }>(a.pid, 'region_alloc', { size: 10 });
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: region, bytes: new Uint8Array(1) })),
    'E_BAD_HANDLE',
  );
});
