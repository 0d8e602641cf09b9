/**
 * A lease between a real kernel and its two holders, both driven from this thread: traffic on
 * the lease keeps the kernel's order, depth and request/reply rules, a recall hands everything
 * back to the kernel's queues, and the holders' counts reach the audit and the agents' usage.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leasedChannel } from '../../../test/helpers/lease.ts';
import { RIGHTS } from '../../kernel/rights.ts';
import { HeldLease, MAX_PAYLOAD } from './held.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

/** Agent a holds end 0, agent b holds end 1 (a duplicate), each "on its own worker". */
function setup(depth = 4) {
  const ended: number[] = [];
  const { t, a, b, ha, hb: hbHandle, lease } = leasedChannel(depth, (l) => ended.push(l.id));
  const w1 = new HeldLease(lease.grantFor('w1'));
  const w2 = new HeldLease(lease.grantFor('w2'));
  const ga = w1.grant(a.pid, ha)!;
  const gb = w2.grant(b.pid, hbHandle.value)!;
  return { ...t, a, b, ha, hb: hbHandle.value, lease, w1, w2, ga, gb, ended };
}

describe('channel lease', () => {
  it('grants each worker only its own agents’ handles, with their rights', () => {
    const s = setup();
    assert.deepEqual(s.w1.sides, [0]);
    assert.deepEqual(s.w2.sides, [1]);
    assert.equal(s.w1.grant(s.b.pid, s.hb), undefined, 'worker 1 holds nothing of agent b');
    assert.equal(s.ga.rights & RIGHTS.WRITE, RIGHTS.WRITE);
    assert.equal(s.lease.grants('w1', s.a.pid, s.ha), true);
    assert.equal(s.lease.grants('w2', s.a.pid, s.ha), false, 'not on the other worker');
  });

  it('carries messages in order, up to the depth, and refuses what only the kernel may do', () => {
    const s = setup(4);
    for (let i = 0; i < 4; i++) assert.equal(s.w1.tryWrite(s.ga, bytes(i)), 'ok');
    assert.equal(s.w1.tryWrite(s.ga, bytes(9)), 'full', 'backpressure at the depth');
    assert.equal(
      s.w1.tryWrite(s.ga, new Uint8Array(MAX_PAYLOAD + 1)),
      'refused',
      '64 KiB + 1 is the kernel’s to refuse',
    );
    for (let i = 0; i < 4; i++) assert.deepEqual(s.w2.tryRead(s.gb, s.b.pid), { txid: 0, bytes: bytes(i) });
    assert.equal(s.w2.tryRead(s.gb, s.b.pid), 'empty');
    assert.equal(
      s.w1.tryWrite(s.ga, new Uint8Array(MAX_PAYLOAD)),
      'ok',
      'exactly 64 KiB with its header fits',
    );
  });

  it('pairs a call with its reply by transaction id; a reply to anything else is refused', () => {
    const s = setup();
    const txid = s.w1.tryCall(s.ga, s.a.pid, bytes(1, 2), 5000) as number;
    assert.ok(txid >= 0x80000000);
    const request = s.w2.tryRead(s.gb, s.b.pid) as { txid: number; bytes: Uint8Array };
    assert.equal(request.txid, txid);
    assert.equal(s.w2.tryReply(s.gb, txid + 64, bytes(0)), 'refused', 'no such call');
    assert.equal(s.w2.tryReply(s.gb, txid, bytes(7)), 'ok');
    assert.equal(s.w2.tryReply(s.gb, txid, bytes(8)), 'refused', 'answered once');
    const got: number[] = [];
    s.w1.takeReplies(
      0,
      () => s.ga,
      (f) => got.push(f.txid, ...f.bytes),
    );
    assert.deepEqual(got, [txid, 7]);
  });

  it('recall hands queued messages and pending calls back to the kernel, then stops the workers', () => {
    const s = setup();
    s.w1.tryWrite(s.ga, bytes(1));
    const waiting = s.w1.tryCall(s.ga, s.a.pid, bytes(2), 5000) as number;
    const answered = s.w2.tryCall(s.gb, s.b.pid, bytes(3), 5000) as number;
    s.w1.tryRead(s.ga, s.a.pid); // a takes b's request …
    s.w1.tryReply(s.ga, answered, bytes(4)); // … and answers it; b has not collected it
    s.lease.recall();
    assert.deepEqual(s.ended, [1]);
    assert.equal(s.w1.tryWrite(s.ga, bytes(5)), 'closed');
    assert.equal(s.w2.tryRead(s.gb, s.b.pid), 'closed');
    // The kernel now has it all, in order.
    const read = () => s.sys<{ bytes: Uint8Array; txid: number }>(s.b.pid, 'channel_read', { handle: s.hb });
    assert.deepEqual(read().bytes, bytes(1));
    assert.equal(read().txid, waiting);
    s.sys(s.b.pid, 'channel_reply', { handle: s.hb, txid: waiting, bytes: bytes(6) });
    const r1 = s.sys<{ bytes: Uint8Array }>(s.a.pid, 'channel_call_result', { handle: s.ha, txid: waiting });
    assert.deepEqual(r1.bytes, bytes(6));
    const r2 = s.sys<{ bytes: Uint8Array }>(s.b.pid, 'channel_call_result', { handle: s.hb, txid: answered });
    assert.deepEqual(r2.bytes, bytes(4));
  });

  it('the kernel recalls the lease before it touches the channel itself', () => {
    const s = setup();
    s.w1.tryWrite(s.ga, bytes(1));
    s.sys(s.a.pid, 'channel_write', { handle: s.ha, bytes: bytes(2) }); // through the kernel
    assert.equal(s.lease.open, false);
    const read = () => s.sys<{ bytes: Uint8Array }>(s.b.pid, 'channel_read', { handle: s.hb }).bytes[0];
    assert.deepEqual([read(), read()], [1, 2]);
  });

  it('closing or revoking a granted handle ends the lease at once', () => {
    const s = setup();
    s.sys(s.b.pid, 'handle_close', { handle: s.hb });
    assert.equal(s.lease.open, false);
    assert.equal(s.w2.tryRead(s.gb, s.b.pid), 'closed');
    assert.equal(
      s.codeOf(() => s.sys(s.a.pid, 'channel_write', { handle: s.ha, bytes: bytes(1) })),
      'E_PEER_CLOSED',
    );
  });

  it('counts reach the audit and the agents’ usage when the audit is flushed', () => {
    const s = setup(64);
    s.k.events.on('flushing', () => s.lease.fold());
    for (let i = 0; i < 10; i++) s.w1.tryWrite(s.ga, new Uint8Array(100));
    for (let i = 0; i < 10; i++) s.w2.tryRead(s.gb, s.b.pid);
    const entries = s.audit().filter((e) => e.kind === 'syscalls');
    const of = (pid: number, what: string) => entries.find((e) => e.pid === pid && e.what === what)?.detail;
    assert.deepEqual(of(s.a.pid, 'channel_write'), { count: 10, bytes: 1000 });
    assert.deepEqual(of(s.b.pid, 'channel_read'), { count: 10, bytes: 0 });
    assert.equal(s.a.agent.usage.messagesSent, 10);
    assert.equal(s.a.agent.usage.bytesSent, 1000);
    s.audit();
    assert.equal(s.a.agent.usage.messagesSent, 10, 'each message is counted once');
  });
});
