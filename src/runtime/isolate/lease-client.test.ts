/**
 * An agent's own lease client and its worker's router taking turns on one side of a real
 * kernel's lease (driven from this thread): the client carries the agent's calls while it owns
 * the side, the worker sends the agent back to it meanwhile, a call the client stops waiting
 * for is finished by the worker, and a client that died mid-operation does not hang the kernel.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leasedChannel } from '../../../test/helpers/lease.ts';
import { PARAMS } from '../../kernel/params.ts';
import { OWNER_ISOLATE, OWNER_WORKER } from '../fast/layout.ts';
import { LeaseRouter, RETRY } from '../fast/router.ts';
import { OP } from '../wire.ts';
import { ANSWER, createLeaseClient, SCRATCH_BYTES } from './lease-client.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

async function setup() {
  const { t, a, b, ha, hb, lease } = leasedChannel(16);
  const toKernel: string[] = [];
  const send = async (call: { name: string }) => {
    toKernel.push(call.name);
    return `kernel:${call.name}`;
  };
  const scratch = new SharedArrayBuffer(SCRATCH_BYTES);
  const client = createLeaseClient(new SharedArrayBuffer(16), a.pid, scratch);
  let delegated: Promise<boolean> | undefined;
  const r1 = new LeaseRouter(send, {
    spinMs: 0,
    delegate: (pkg, pid) => {
      if (pid !== a.pid) return undefined;
      client.install(pkg);
      delegated = Promise.resolve(true);
      return delegated;
    },
    idle: () => true,
  });
  const r2 = new LeaseRouter(send, { spinMs: 0 });
  r1.install(lease.grantFor('w1'));
  r2.install(lease.grantFor('w2'));
  await delegated;
  const cells = new Int32Array(scratch, 0, 4);
  /** What the agent's context does (lease-boot.ts): bytes through the scratch buffer. */
  const A = (op: number, name: string, args: { bytes?: Uint8Array; txid?: number } = {}) => {
    if (args.bytes) new Uint8Array(scratch, 16).set(args.bytes);
    if (args.txid !== undefined) cells[1] = args.txid | 0;
    const code = client.op(op, name, ha, args.bytes ? args.bytes.length : -1, -1);
    return { code, length: cells[0], txid: cells[1] >>> 0, number: cells[2] };
  };
  const B = (op: number, name: string, args: Record<string, unknown> = {}) =>
    r2.route({ pid: b.pid, op: op as never, name, args: { handle: hb.value, ...args } });
  return { t, a, b, ha, lease, client, r1, A, B, toKernel };
}

describe('an isolate agent’s lease client', () => {
  it('carries the agent’s calls while it owns the side; the worker sends its calls back to it', async () => {
    const s = await setup();
    assert.equal(s.lease.memory.owner(0), OWNER_ISOLATE);
    for (let i = 0; i < 3; i++)
      assert.equal(s.A(OP.SYS, 'channel_write', { bytes: bytes(i) }).code, ANSWER.DONE);
    const got = [];
    for (let i = 0; i < 3; i++)
      got.push(((await s.B(OP.BLOCK, 'channel_read')) as { bytes: Uint8Array }).bytes[0]);
    assert.deepEqual(got, [0, 1, 2]);
    const late = s.r1.route({
      pid: s.a.pid,
      op: OP.SYS,
      name: 'channel_write',
      args: { handle: s.ha, bytes: bytes(9) },
    });
    assert.equal(await late, RETRY, 'a call sent before the agent knew goes back to its isolate');
    assert.equal(s.A(OP.SYS, 'channel_read').code, ANSWER.EMPTY, 'a try on an empty queue: E_WOULD_BLOCK');
    assert.deepEqual(s.toKernel, []);
    assert.equal(s.lease.counted(s.a.pid, s.ha).writes, 3, 'the client counts what it carried for the audit');
  });

  it('hands a call it stopped waiting for to the worker, which gets its reply', async () => {
    const s = await setup();
    const answer = s.A(OP.CALL, 'channel_call', { bytes: bytes(7) });
    assert.equal(answer.code, ANSWER.RESULT, 'nobody answered within the client’s short wait');
    assert.equal(
      answer.number,
      PARAMS.CALL_TIMEOUT_DEFAULT_MS,
      'a call without a timeout gets the kernel’s default',
    );
    assert.equal(s.lease.memory.owner(0), OWNER_WORKER, 'the worker owns the side again');
    const reply = s.r1.adopt(s.a.pid, s.ha, answer.txid, 5000);
    const request = (await s.B(OP.BLOCK, 'channel_read')) as { bytes: Uint8Array; txid: number };
    assert.equal(request.txid, answer.txid);
    await s.B(OP.SYS, 'channel_reply', { txid: request.txid, bytes: bytes(8) });
    assert.deepEqual(((await reply) as { bytes: Uint8Array }).bytes, bytes(8));
    s.r1.offer(s.a.pid);
    assert.equal(s.lease.memory.owner(0), OWNER_ISOLATE, 'and gives it back once nothing waits there');
    assert.deepEqual(s.toKernel, []);
  });

  it('a client that died in the middle of an operation does not keep the kernel from recalling', () => {
    const s = setup();
    return s.then(({ lease, r1, a }) => {
      assert.ok(lease.memory.begin(0), 'an operation announced, never ended (its isolate was disposed)');
      r1.forget(a.pid);
      lease.recall();
      assert.equal(lease.open, false);
      assert.equal(lease.memory.owner(0), OWNER_WORKER);
    });
  });
});
