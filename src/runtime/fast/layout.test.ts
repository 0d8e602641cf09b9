/**
 * The shared layout of a lease: transaction ids, frames, and the handshake that lets the kernel
 * recall a lease only between a worker's operations, tested with a real second thread.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { FAST_TXID, FastMemory, LEASE, readFrame, slotOf, writeFrame } from './layout.ts';

describe('lease memory', () => {
  it('transaction ids have the high bit set and name their call slot', () => {
    const mem = FastMemory.create({ depth: [1, 1], grants: 0 });
    const a = mem.nextTxid(0, 5);
    const b = mem.nextTxid(0, 5);
    assert.ok(a >= FAST_TXID && b >= FAST_TXID && a !== b);
    assert.deepEqual([slotOf(a), slotOf(b)], [5, 5]);
  });

  it('frames carry a transaction id and a copy of the bytes', () => {
    const mem = FastMemory.create({ depth: [1, 1], grants: 0 });
    const bytes = Uint8Array.of(1, 2, 3);
    assert.equal(writeFrame(mem.messages[0], 0x80000007, bytes), true);
    bytes[0] = 9;
    assert.deepEqual(readFrame(mem.messages[0]), { txid: 0x80000007, bytes: Uint8Array.of(1, 2, 3) });
    assert.equal(readFrame(mem.messages[0]), undefined);
  });

  it('a recall waits for the operation a worker has begun, and no operation begins after it', async () => {
    const mem = FastMemory.create({ depth: [1, 1], grants: 0 });
    const flags = new Int32Array(new SharedArrayBuffer(20)); // [began, go on, finished, began again, recalled]
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       import(workerData.layout).then(({ FastMemory }) => {
         const mem = new FastMemory(workerData.buffers);
         const f = new Int32Array(workerData.flags);
         mem.begin(0);
         Atomics.store(f, 0, 1); Atomics.notify(f, 0);
         Atomics.wait(f, 1, 0);
         Atomics.store(f, 2, 1);
         mem.end(0);
         Atomics.wait(f, 4, 0);
         Atomics.store(f, 3, mem.begin(1) ? 1 : 2);
       });`,
      {
        eval: true,
        workerData: {
          layout: new URL('./layout.ts', import.meta.url).href,
          buffers: mem.buffers,
          flags: flags.buffer,
        },
      },
    );
    while (Atomics.load(flags, 0) === 0) await new Promise((r) => setTimeout(r, 1));
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    mem.close();
    assert.equal(Atomics.load(flags, 2), 1, 'the operation under way ended before the recall returned');
    assert.equal(mem.state, LEASE.RECALLED);
    Atomics.store(flags, 4, 1);
    Atomics.notify(flags, 4);
    while (Atomics.load(flags, 3) === 0) await new Promise((r) => setTimeout(r, 1));
    assert.equal(Atomics.load(flags, 3), 2, 'no operation begins once recalled');
    await worker.terminate();
  });
});
