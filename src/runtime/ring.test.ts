import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Doorbell, Ring, RingCorrupt } from './ring.ts';

describe('Ring', () => {
  it('carries frames in order and reports empty', () => {
    const ring = Ring.create(4096);
    assert.equal(ring.read(), undefined);
    assert.ok(ring.write(new Uint8Array([1, 2, 3])));
    assert.ok(ring.write(new Uint8Array([])));
    assert.ok(ring.write(new Uint8Array([4])));
    assert.deepEqual([...ring.read()!], [1, 2, 3]);
    assert.deepEqual([...ring.read()!], []);
    assert.deepEqual([...ring.read()!], [4]);
    assert.ok(ring.isEmpty());
  });

  it('wraps around the end many times without losing or reordering a byte', () => {
    const ring = Ring.create(4096);
    let next = 0;
    let expect = 0;
    for (let round = 0; round < 2000; round++) {
      const size = (round * 37) % 700;
      const frame = new Uint8Array(size).map((_, i) => (next + i) & 0xff);
      if (!ring.write(frame)) {
        while (!ring.isEmpty()) {
          const got = ring.read()!;
          for (let i = 0; i < got.length; i++) assert.equal(got[i], (expect + i) & 0xff);
          expect += got.length;
        }
        assert.ok(ring.write(frame));
      }
      next += size;
    }
    while (!ring.isEmpty()) expect += ring.read()!.length;
    assert.equal(expect, next);
  });

  it('refuses a write when full and accepts it after a read', () => {
    const ring = Ring.create(4096);
    let written = 0;
    while (ring.write(new Uint8Array(100))) written++;
    assert.ok(written > 30);
    ring.read();
    assert.ok(ring.write(new Uint8Array(100)));
  });

  it('rejects frames larger than half the ring', () => {
    const ring = Ring.create(4096);
    assert.throws(() => ring.write(new Uint8Array(4000)), RangeError);
  });

  it('treats an impossible length as corruption, not as data', () => {
    const ring = Ring.create(4096);
    ring.write(new Uint8Array([1]));
    new DataView(ring.buffer, 128).setUint32(0, 99_999, true);
    assert.throws(() => ring.read(), RingCorrupt);
  });

  it('moves frames between threads, waking a sleeping consumer', async () => {
    const ring = Ring.create(1 << 16);
    const bell = new Doorbell();
    const code = `
      const { workerData } = require('node:worker_threads');
      const data = new Uint8Array(workerData.ring, 128);
      const index = new Int32Array(workerData.ring, 0, 32);
      const cells = new Int32Array(workerData.bell, 0, 2);
      // A plain producer, written against the layout, 10 000 frames of 8 bytes.
      let tail = 0;
      for (let i = 0; i < 10000; i++) {
        while (((tail - Atomics.load(index, 0)) >>> 0) + 16 > 65536) {}
        const at = tail & 65535;
        const v = new DataView(workerData.ring, 128);
        v.setUint32(at, 8, true);
        v.setUint32(at + 4, i, true);
        v.setUint32(at + 8, i * 2, true);
        tail += 16;
        Atomics.store(index, 16, tail | 0);
        if (Atomics.load(cells, 1) !== 0) { Atomics.add(cells, 0, 1); Atomics.notify(cells, 0); }
      }`;
    const worker = new Worker(code, { eval: true, workerData: { ring: ring.buffer, bell: bell.buffer } });
    let count = 0;
    while (count < 10_000) {
      const frame = ring.read();
      if (!frame) {
        await bell.sleepAsync(() => !ring.isEmpty(), 100);
        continue;
      }
      const v = new DataView(frame.buffer);
      assert.equal(v.getUint32(0, true), count);
      assert.equal(v.getUint32(4, true), count * 2);
      count++;
    }
    await worker.terminate();
    assert.equal(count, 10_000);
  });
});
