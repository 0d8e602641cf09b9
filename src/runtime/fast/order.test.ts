/**
 * Issue order across the move from the kernel to a lease: a call sent to the kernel before
 * the worker held the lease is not overtaken on the lease by the calls after it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leasedChannel } from '../../../test/helpers/lease.ts';
import { type Call, OP } from '../wire.ts';
import { HeldLease } from './held.ts';
import { IssueOrder, type Outcome } from './order.ts';
import { LeaseRouter } from './router.ts';

type Outgoing = Omit<Call, 'req'>;

function setup() {
  const { a, b, ha, hb, lease } = leasedChannel();
  const sent: { call: Outgoing; outcome: Outcome }[] = [];
  const router = new LeaseRouter(async () => 'kernel', { spinMs: 0 });
  const order = new IssueOrder(router, (call, outcome) => sent.push({ call, outcome }));
  const reader = new HeldLease(lease.grantFor('w2'));
  const g = reader.grant(b.pid, hb.value)!;
  const write = (text: string) =>
    order.call({
      pid: a.pid,
      op: OP.BLOCK,
      name: 'channel_write',
      args: { handle: ha, bytes: new TextEncoder().encode(text) },
    });
  const readAll = () => {
    const got: string[] = [];
    for (let f = reader.tryRead(g, b.pid); typeof f === 'object'; f = reader.tryRead(g, b.pid)) {
      got.push(new TextDecoder().decode(f.bytes));
    }
    return got;
  };
  return { router, order, sent, lease, write, readAll };
}

describe('issue order', () => {
  it('calls on a handle without a lease all go to the kernel at once', () => {
    const s = setup();
    void s.write('1');
    void s.write('2');
    assert.equal(s.sent.length, 2);
  });

  it('a call that came back "use the lease" runs there before the calls issued after it', async () => {
    const s = setup();
    const first = s.write('1');
    s.router.install(s.lease.grantFor('w1'));
    const second = s.write('2');
    assert.equal(s.sent.length, 1, 'the second waits behind the first instead of overtaking it');
    assert.deepEqual(s.readAll(), []);
    s.sent[0].outcome.leased();
    await Promise.all([first, second]);
    assert.deepEqual(s.readAll(), ['1', '2']);
    assert.deepEqual(await s.write('3').then(() => s.readAll()), ['3'], 'then straight onto the lease');
  });

  it('a call the kernel answers itself lets the next one go', async () => {
    const s = setup();
    const first = s.write('1');
    s.router.install(s.lease.grantFor('w1'));
    const second = s.write('2');
    s.sent[0].outcome.resolve('done by the kernel');
    assert.equal(await first, 'done by the kernel');
    await second;
    assert.deepEqual(s.readAll(), ['2']);
  });
});
