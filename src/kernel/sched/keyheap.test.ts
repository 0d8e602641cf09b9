import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KeyHeap } from './keyheap.ts';

test('pops in key order after any mix of pushes, removals and re-keys', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 40 }), fc.nat())), (ops) => {
      const h = new KeyHeap<{ id: number; heapIndex: number }>();
      const keys = new Map<{ id: number; heapIndex: number }, number>();
      let id = 0;
      for (const [op, key, pick] of ops) {
        const live = [...keys.keys()];
        if (op === 0 || live.length === 0) {
          const item = { id: id++, heapIndex: -1 };
          h.push(item, key, item.id);
          keys.set(item, key);
        } else if (op === 1) {
          const victim = live[pick % live.length];
          h.remove(victim);
          keys.delete(victim);
        } else {
          const item = live[pick % live.length];
          h.rekey(item, key, item.id);
          keys.set(item, key);
        }
      }
      const expected = [...keys].sort((a, b) => a[1] - b[1] || a[0].id - b[0].id).map(([item]) => item.id);
      const got: number[] = [];
      for (let item = h.pop(); item; item = h.pop()) got.push(item.id);
      assert.deepEqual(got, expected);
    }),
  );
});
