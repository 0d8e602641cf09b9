/**
 * The worker's lease router, two of them (one per "worker") driven from this thread over a
 * lease of a real kernel: the SDK's calls on leased handles keep the kernel's semantics, and
 * whatever the lease cannot do exactly like the kernel goes to the kernel.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leasedChannel } from '../../../test/helpers/lease.ts';
import { type Call, OP } from '../wire.ts';
import { MAX_PAYLOAD } from './held.ts';
import { LeaseRouter } from './router.ts';

type Outgoing = Omit<Call, 'req'>;
const bytes = (...b: number[]) => Uint8Array.from(b);

function setup(depth = 4) {
  const { t, a, b, ha, hb, lease } = leasedChannel(depth);
  /** Calls each router sent to the kernel; the kernel "answers" with the call's name. */
  const toKernel: Outgoing[] = [];
  const send = async (call: Outgoing) => {
    toKernel.push(call);
    return `kernel:${call.name}`;
  };
  const r1 = new LeaseRouter(send, { spinMs: 0 });
  const r2 = new LeaseRouter(send, { spinMs: 0 });
  r1.install(lease.grantFor('w1'));
  r2.install(lease.grantFor('w2'));
  const A = (op: number, name: string, args: Record<string, unknown> = {}, timeoutMs?: number) =>
    r1.route({ pid: a.pid, op: op as never, name, args: { handle: ha, ...args }, timeoutMs });
  const B = (op: number, name: string, args: Record<string, unknown> = {}, timeoutMs?: number) =>
    r2.route({ pid: b.pid, op: op as never, name, args: { handle: hb.value, ...args }, timeoutMs });
  return { ...t, a, b, ha, hb: hb.value, lease, r1, r2, A, B, toKernel };
}

const codeOf = (p: Promise<unknown> | undefined) =>
  p!.then(
    () => 'OK',
    (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
  );

describe('lease router', () => {
  it('moves messages between the two workers without the kernel, in order', async () => {
    const s = setup(16);
    for (let i = 0; i < 5; i++)
      assert.equal(await s.A(OP.SYS, 'channel_write', { bytes: bytes(i) }), undefined);
    const got: number[] = [];
    for (let i = 0; i < 5; i++) {
      const m = (await s.B(OP.BLOCK, 'channel_read')) as {
        bytes: Uint8Array;
        handles: number[];
        txid: number;
      };
      assert.deepEqual(m.handles, []);
      got.push(m.bytes[0]);
    }
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
    assert.deepEqual(s.toKernel, []);
  });

  it('a blocking read waits for the next message; a try says E_WOULD_BLOCK', async () => {
    const s = setup();
    assert.equal(await codeOf(s.B(OP.SYS, 'channel_read')), 'E_WOULD_BLOCK: No message is waiting');
    const pending = s.B(OP.BLOCK, 'channel_read') as Promise<{ bytes: Uint8Array }>;
    await s.A(OP.SYS, 'channel_write', { bytes: bytes(42) });
    assert.deepEqual((await pending).bytes, bytes(42));
  });

  it('pushes back at the queue’s depth and lets waiting writers in, in order, as it drains', async () => {
    const s = setup(2);
    await s.A(OP.SYS, 'channel_write', { bytes: bytes(1) });
    await s.A(OP.SYS, 'channel_write', { bytes: bytes(2) });
    assert.equal(
      await codeOf(s.A(OP.SYS, 'channel_write', { bytes: bytes(0) })),
      'E_WOULD_BLOCK: Channel queue is full (2 messages); wait until it drains',
    );
    const third = s.A(OP.BLOCK, 'channel_write', { bytes: bytes(3) });
    const fourth = s.A(OP.BLOCK, 'channel_write', { bytes: bytes(4) });
    const read = async () => ((await s.B(OP.BLOCK, 'channel_read')) as { bytes: Uint8Array }).bytes[0];
    const got = [await read(), await read()];
    await Promise.all([third, fourth]);
    got.push(await read(), await read());
    assert.deepEqual(got, [1, 2, 3, 4]);
  });

  it('a blocking call with a timeout fails with E_TIMED_OUT like the kernel’s', async () => {
    const s = setup();
    assert.equal(
      await codeOf(s.B(OP.BLOCK, 'channel_read', {}, 20)),
      'E_TIMED_OUT: Nothing arrived within 20 ms',
    );
  });

  it('request and reply travel by transaction id', async () => {
    const s = setup();
    const reply = s.A(OP.CALL, 'channel_call', { bytes: bytes(1, 2, 3) }) as Promise<{
      bytes: Uint8Array;
      txid: number;
    }>;
    const request = (await s.B(OP.BLOCK, 'channel_read')) as { bytes: Uint8Array; txid: number };
    assert.ok(request.txid >= 0x80000000);
    await s.B(OP.SYS, 'channel_reply', { txid: request.txid, bytes: bytes(9) });
    const answer = await reply;
    assert.deepEqual([answer.txid, [...answer.bytes]], [request.txid, [9]]);
    assert.deepEqual(s.toKernel, []);
  });

  it('sends to the kernel what only the kernel may decide, without leaving the lease', async () => {
    const s = setup();
    const big = { bytes: new Uint8Array(MAX_PAYLOAD + 1) };
    assert.equal(await s.A(OP.SYS, 'channel_write', big), 'kernel:channel_write');
    assert.equal(
      await s.B(OP.SYS, 'channel_reply', { txid: 0x80000040, bytes: bytes(1) }),
      'kernel:channel_reply',
    );
    assert.deepEqual(
      s.toKernel.map((c) => c.name),
      ['channel_write', 'channel_reply'],
    );
    // Messages carrying handles never use a lease: the router leaves them to the caller.
    assert.equal(
      s.r1.route({
        pid: s.a.pid,
        op: OP.SYS,
        name: 'channel_write',
        args: { handle: s.ha, bytes: bytes(1), handles: [5] },
      }),
      undefined,
    );
    assert.equal(
      s.r1.route({ pid: s.b.pid, op: OP.SYS, name: 'channel_read', args: { handle: s.hb } }),
      undefined,
      'not this worker’s agent',
    );
  });

  it('once the kernel recalls the lease, every waiting call goes to the kernel, a sent call by its txid', async () => {
    const s = setup();
    const call = s.A(OP.CALL, 'channel_call', { bytes: bytes(1) });
    const { txid } = (await s.B(OP.BLOCK, 'channel_read')) as unknown as { txid: number };
    const again = s.B(OP.BLOCK, 'channel_read', {}, 10_000);
    s.lease.recall();
    s.r1.drop(1);
    s.r2.drop(1);
    assert.equal(await call, 'kernel:channel_call_result');
    assert.equal(await again, 'kernel:channel_read');
    const result = s.toKernel.find((c) => c.name === 'channel_call_result')!;
    assert.deepEqual(result.args, { handle: s.ha, txid });
    const reread = s.toKernel.find((c) => c.name === 'channel_read')!;
    assert.equal(reread.op, OP.BLOCK);
    assert.ok(
      reread.timeoutMs !== undefined && reread.timeoutMs <= 10_000,
      'with what is left of its timeout',
    );
    assert.equal(
      await s.A(OP.SYS, 'channel_write', { bytes: bytes(1) }),
      undefined,
      'no grant now: the caller sends it',
    );
  });
});
