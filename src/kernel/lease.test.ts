/**
 * The kernel's side of a channel lease (src/runtime/fast): before it reads or changes a leased
 * channel's queue or calls it recalls the lease, which hands back what it carried through
 * Ipc.adopt; a handle to a leased end that goes away is reported; counts kept outside the
 * kernel are added before the audit is flushed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import type { Endpoint, EndpointLease, Handle, Message, PendingCall } from './objects.ts';
import { RIGHTS } from './rights.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

/** A lease that carried `messages` for end b and one waiting call from end a. */
function fakeLease(k: ReturnType<typeof testKernel>['k'], a: Endpoint, b: Endpoint, caller: number) {
  const events: string[] = [];
  const lease: EndpointLease = {
    recall() {
      events.push('recall');
      a.lease = undefined;
      b.lease = undefined;
      const messages: Message[] = [
        { bytes: bytes(1), handles: [], txid: 0 },
        { bytes: bytes(2), handles: [], txid: 0x80000001 },
      ];
      const call: PendingCall = {
        txid: 0x80000001,
        pid: caller,
        deadline: k.ports.now() + 1000,
        reply: undefined,
        status: 'waiting',
        boosted: 0,
      };
      k.ipc.adopt(b, messages, []);
      k.ipc.adopt(a, [], [call]);
    },
    handleGone(h: Handle) {
      events.push(`gone:${h.value}`);
    },
  };
  a.lease = lease;
  b.lease = lease;
  return events;
}

test('the kernel recalls a lease before reading a leased queue, in order, calls included', () => {
  const { k, sys, spawn } = testKernel();
  const agent = spawn();
  const [ha, hb] = sys<{ handles: number[] }>(agent.pid, 'channel_create').handles;
  const a = agent.agent.table.get(ha)!.object as Endpoint;
  const b = agent.agent.table.get(hb)!.object as Endpoint;
  const events = fakeLease(k, a, b, agent.pid);
  sys(agent.pid, 'channel_write', { handle: ha, bytes: bytes(3) });
  assert.deepEqual(events, ['recall'], 'recalled once, before the write joined the queue');
  const read = () => sys<{ bytes: Uint8Array; txid: number }>(agent.pid, 'channel_read', { handle: hb });
  assert.deepEqual(read().bytes, bytes(1));
  const request = read();
  assert.equal(request.txid, 0x80000001);
  assert.deepEqual(read().bytes, bytes(3));
  // The adopted call is the kernel's now: a reply reaches it and the caller collects it.
  sys(agent.pid, 'channel_reply', { handle: hb, txid: request.txid, bytes: bytes(9) });
  const reply = sys<{ bytes: Uint8Array }>(agent.pid, 'channel_call_result', {
    handle: ha,
    txid: request.txid,
  });
  assert.deepEqual(reply.bytes, bytes(9));
});

test('an adopted call times out at its deadline like any other', () => {
  const { k, sys, spawn, codeOf, ports } = testKernel();
  const agent = spawn();
  const [ha, hb] = sys<{ handles: number[] }>(agent.pid, 'channel_create').handles;
  const a = agent.agent.table.get(ha)!.object as Endpoint;
  fakeLease(k, a, agent.agent.table.get(hb)!.object as Endpoint, agent.pid);
  k.ipc.settle(a);
  ports.advance(1001);
  assert.equal(k.tick(k.ports.now()), 1);
  assert.equal(
    codeOf(() => sys(agent.pid, 'channel_call_result', { handle: ha, txid: 0x80000001 })),
    'E_TIMED_OUT',
  );
});

test('closing, revoking or sending away a handle to a leased end tells the lease first', () => {
  const { k, sys, spawn } = testKernel();
  const agent = spawn();
  const [ha, hb] = sys<{ handles: number[] }>(agent.pid, 'channel_create').handles;
  const [carrier] = sys<{ handles: number[] }>(agent.pid, 'channel_create').handles;
  const a = agent.agent.table.get(ha)!.object as Endpoint;
  const b = agent.agent.table.get(hb)!.object as Endpoint;
  const events = fakeLease(k, a, b, agent.pid);
  const dup = sys<number>(agent.pid, 'handle_duplicate', { handle: ha, rights: RIGHTS.READ | RIGHTS.REVOKE });
  sys(agent.pid, 'handle_revoke', { handle: dup });
  assert.deepEqual(events, [`gone:${dup}`]);
  sys(agent.pid, 'channel_write', { handle: carrier, bytes: bytes(0), handles: [hb] });
  assert.deepEqual(events, [`gone:${dup}`, `gone:${hb}`], 'sent away');
  sys(agent.pid, 'handle_close', { handle: ha });
  assert.equal(events[2], `gone:${ha}`);
  assert.equal(events[3], 'recall', 'the last handle closed the end: recalled before closing');
});

test('counts kept outside the kernel are added in bulk before the audit is flushed', () => {
  const { k, lines, spawn } = testKernel();
  const agent = spawn();
  k.flushAudit();
  const before = lines.length;
  k.events.on('flushing', () => k.audit.count(agent.pid, 31, 'channel_write', 640, 10));
  k.flushAudit();
  const entry = lines
    .slice(before)
    .map((l) => JSON.parse(l))
    .find((e) => e.what === 'channel_write');
  assert.equal(entry.kind, 'syscalls');
  assert.deepEqual(entry.detail, { count: 10, bytes: 640 });
});
