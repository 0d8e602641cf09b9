import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { PARAMS } from './params.ts';

const bytes = (n: number) => new Uint8Array(n);

test('a message of exactly 64 KiB with its header is accepted; one byte more is refused', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [w, r] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const max = PARAMS.MSG_MAX_BYTES - PARAMS.MSG_HEADER_BYTES;
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(max) })),
    'OK',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(max + 1) })),
    'E_TOO_BIG',
  );
  assert.equal(sys<{ bytes: Uint8Array }>(a.pid, 'channel_read', { handle: r }).bytes.length, max);
  // Handle slots count toward the limit too.
  const [spare] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(max - 3), handles: [spare] })),
    'E_TOO_BIG',
  );
});

test('a full queue pushes back with E_WOULD_BLOCK and signals writable once drained', () => {
  const { k, sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [w, r] = sys<{ handles: number[] }>(a.pid, 'channel_create', { depth: 4 }).handles;
  const signals: string[] = [];
  k.events.on('signal', (_e, s) => signals.push(s));
  for (let i = 0; i < 4; i++) sys(a.pid, 'channel_write', { handle: w, bytes: Uint8Array.of(i) });
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(1) })),
    'E_WOULD_BLOCK',
  );
  assert.deepEqual(sys<{ bytes: Uint8Array }>(a.pid, 'channel_read', { handle: r }).bytes, Uint8Array.of(0));
  assert.deepEqual(signals, ['readable', 'writable']);
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(1) })),
    'OK',
  );
});

test('messages arrive in order and the sender cannot change them after sending', () => {
  const { sys, spawn } = testKernel();
  const a = spawn();
  const [w, r] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const buf = Uint8Array.of(1, 2, 3);
  sys(a.pid, 'channel_write', { handle: w, bytes: buf });
  buf[0] = 99;
  sys(a.pid, 'channel_write', { handle: w, bytes: Uint8Array.of(4) });
  assert.deepEqual(
    sys<{ bytes: Uint8Array }>(a.pid, 'channel_read', { handle: r }).bytes,
    Uint8Array.of(1, 2, 3),
  );
  assert.deepEqual(sys<{ bytes: Uint8Array }>(a.pid, 'channel_read', { handle: r }).bytes, Uint8Array.of(4));
});

test('request/reply pairs by transaction id, and a call times out at its deadline', () => {
  const { k, ports, sys, spawn, codeOf } = testKernel();
  const client = spawn();
  const [c, s] = sys<{ handles: number[] }>(client.pid, 'channel_create').handles;
  const { txid } = sys<{ txid: number }>(client.pid, 'channel_call', {
    handle: c,
    bytes: Uint8Array.of(7),
    timeoutMs: 100,
  });
  assert.equal(
    codeOf(() => sys(client.pid, 'channel_call_result', { handle: c, txid })),
    'E_WOULD_BLOCK',
  );
  const request = sys<{ bytes: Uint8Array; txid: number }>(client.pid, 'channel_read', { handle: s });
  assert.equal(request.txid, txid);
  sys(client.pid, 'channel_reply', { handle: s, txid, bytes: Uint8Array.of(8) });
  assert.deepEqual(
    sys<{ bytes: Uint8Array }>(client.pid, 'channel_call_result', { handle: c, txid }).bytes,
    Uint8Array.of(8),
  );

  const late = sys<{ txid: number }>(client.pid, 'channel_call', {
    handle: c,
    bytes: bytes(1),
    timeoutMs: 100,
  }).txid;
  ports.advance(150);
  assert.equal(k.tick(ports.now()), 1);
  assert.equal(
    codeOf(() => sys(client.pid, 'channel_call_result', { handle: c, txid: late })),
    'E_TIMED_OUT',
  );
  sys(client.pid, 'channel_read', { handle: s });
  assert.equal(
    codeOf(() => sys(client.pid, 'channel_reply', { handle: s, txid: late, bytes: bytes(1) })),
    'E_NOT_FOUND',
  );
});

test('handles move inside messages: the sender loses them, the receiver gets them', () => {
  const { k, sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [w, r] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const { handle: region } = sys<{ handle: number }>(a.pid, 'region_alloc', { size: 1 << 20 });
  sys(a.pid, 'region_write', { handle: region, offset: 0, bytes: Uint8Array.of(42) });
  const before = k.processes.required(a.pid).table.get(region)!.object;
  sys(a.pid, 'channel_write', { handle: w, bytes: bytes(0), handles: [region] });
  assert.equal(
    codeOf(() => sys(a.pid, 'region_read', { handle: region, offset: 0, length: 1 })),
    'E_BAD_HANDLE',
  );
  const [got] = sys<{ handles: number[] }>(a.pid, 'channel_read', { handle: r }).handles;
  const after = k.processes.required(a.pid).table.get(got)!.object;
  assert.equal(after, before, 'the same region object, not a copy');
  const mapped = sys<{ buffer: SharedArrayBuffer }>(a.pid, 'region_map', { handle: got });
  assert.equal(new Uint8Array(mapped.buffer)[0], 42);
});

test('a handle without the transfer right cannot be sent, and a failed send moves nothing', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [w] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const [x] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const fixed = sys<number>(a.pid, 'handle_duplicate', { handle: x, rights: 1 });
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_write', { handle: w, bytes: bytes(0), handles: [x, fixed] })),
    'E_NO_RIGHTS',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'handle_info', { handle: x })),
    'OK',
    'x is still held',
  );
});

test('reading from a channel whose peer closed drains first, then reports E_PEER_CLOSED', () => {
  const { sys, spawn, codeOf } = testKernel();
  const a = spawn();
  const [w, r] = sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  sys(a.pid, 'channel_write', { handle: w, bytes: Uint8Array.of(1) });
  sys(a.pid, 'handle_close', { handle: w });
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_read', { handle: r })),
    'OK',
  );
  assert.equal(
    codeOf(() => sys(a.pid, 'channel_read', { handle: r })),
    'E_PEER_CLOSED',
  );
});

test('a realtime caller lends its priority to the agent serving the channel', () => {
  const { k, sys, spawn } = testKernel();
  const server = spawn({ schedClass: 'batch' });
  const client = spawn({ schedClass: 'realtime', deadlineMs: 50 });
  const [c, s] = sys<{ handles: number[] }>(client.pid, 'channel_create').handles;
  const serverEnd = k.handles.duplicate(
    server.agent.table,
    client.agent.table.get(s)!,
    client.agent.table.get(s)!.rights,
    server.pid,
  ).value;
  sys(client.pid, 'channel_write', { handle: c, bytes: bytes(1) });
  sys(server.pid, 'channel_read', { handle: serverEnd }); // the server now reads this channel
  const toolUse = k.handles.install(server.agent.table, server.pid, k.resource('tool'), 0xffff).value;
  const other = spawn();
  const otherTool = k.handles.install(other.agent.table, other.pid, k.resource('tool'), 0xffff).value;
  // Fill the tool pool's 8 slots with normal work so the order of the waiting requests matters.
  for (let i = 0; i < 8; i++) sys(other.pid, 'sched_submit', { handle: otherTool, cost: 1 });
  k.scheduler.dispatch(k.ports.now());
  sys(other.pid, 'sched_submit', { handle: otherTool, cost: 1 });
  const serverReq = sys<{ id: number }>(server.pid, 'sched_submit', { handle: toolUse, cost: 1 }).id;
  sys(client.pid, 'channel_call', { handle: c, bytes: bytes(1) });
  k.scheduler.complete(1, k.ports.now());
  const next = k.scheduler.dispatch(k.ports.now());
  assert.equal(
    next[0]?.id,
    serverReq,
    'the batch server jumped ahead of normal work while a realtime caller waits on it',
  );
});
