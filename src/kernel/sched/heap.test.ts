import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Heap } from './heap.ts';

test('pops in order after any mix of pushes and removals', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean())), (ops) => {
      const h = new Heap<{ key: number; id: number; heapIndex: number }>(
        (a, b) => a.key - b.key || a.id - b.id,
      );
      const live: { key: number; id: number; heapIndex: number }[] = [];
      ops.forEach(([key, remove], id) => {
        if (remove && live.length > 0) {
          const victim = live.splice(key % live.length, 1)[0];
          h.remove(victim);
        } else {
          const item = { key, id, heapIndex: -1 };
          h.push(item);
          live.push(item);
        }
      });
      const expected = live.sort((a, b) => a.key - b.key || a.id - b.id).map((i) => i.id);
      const got: number[] = [];
      for (let item = h.pop(); item; item = h.pop()) got.push(item.id);
      assert.deepEqual(got, expected);
    }),
  );
});
