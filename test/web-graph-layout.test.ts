/**
 * The Memory panel's graph layout (web/src/graph-layout.ts): the memory asked about sits in the
 * middle, its neighbours around it by hops, every memory inside the drawing and none on top of
 * another, however many there are.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GRAPH_BOX, type Placed, placeGraph } from '../web/src/graph-layout.ts';
import type { Memory, MemoryLink } from '../web/src/types.ts';

/** Two node circles (radius 12) side by side. */
const APART = 24;

function memory(id: number): Memory {
  return {
    id,
    namespace: 'owner',
    kind: 'archival',
    text: `memory ${id}`,
    metadata: {},
    importance: 0.5,
    hash: '',
    version: 1,
    createdAt: 0,
    updatedAt: 0,
  };
}

function link(from: number, to: number, relation = 'related'): MemoryLink {
  return { from, to, relation, weight: 1 };
}

function assertReadable(placed: Map<number, Placed>, count: number): void {
  assert.equal(placed.size, count, 'every memory is drawn');
  const all = [...placed.values()];
  for (const p of all) {
    assert.ok(
      p.x > 0 && p.x < GRAPH_BOX.width && p.y > 0 && p.y < GRAPH_BOX.height,
      `#${p.memory.id} is inside`,
    );
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const d = Math.hypot(all[i].x - all[j].x, all[i].y - all[j].y);
      assert.ok(d >= APART, `#${all[i].memory.id} and #${all[j].memory.id} are ${d.toFixed(1)} apart`);
    }
  }
}

/** Distance from the middle with the sideways stretch taken out, so a ring reads as a circle. */
function ringOf(p: Placed, stretch: number): number {
  return Math.hypot((p.x - GRAPH_BOX.width / 2) / stretch, p.y - GRAPH_BOX.height / 2);
}

test('the centre sits in the middle, one hop on an inner ring, two hops further out, links counted both ways', () => {
  // 1 -> 2, 3 -> 1 (pointing in still makes 3 a neighbour), 2 -> 4 (two hops from 1)
  const nodes = [1, 2, 3, 4].map(memory);
  const { placed } = placeGraph(1, nodes, [link(1, 2), link(3, 1), link(2, 4)]);
  assertReadable(placed, 4);
  const centre = placed.get(1)!;
  assert.deepEqual([centre.x, centre.y, centre.hops], [GRAPH_BOX.width / 2, GRAPH_BOX.height / 2, 0]);
  assert.deepEqual(
    [2, 3, 4].map((id) => placed.get(id)!.hops),
    [1, 1, 2],
  );
  const stretch = 1.5;
  const inner = [2, 3].map((id) => ringOf(placed.get(id)!, stretch));
  assert.ok(Math.abs(inner[0] - inner[1]) < 1e-6, 'one-hop neighbours share a ring');
  assert.ok(ringOf(placed.get(4)!, stretch) > inner[0] + APART, 'two hops sit further out');
});

test('a crowded neighbourhood still leaves every memory apart and inside the drawing', () => {
  // twelve neighbours, each with a neighbour of its own
  const nodes = Array.from({ length: 25 }, (_, i) => memory(i + 1));
  const links = [
    ...Array.from({ length: 12 }, (_, i) => link(1, i + 2)),
    ...Array.from({ length: 12 }, (_, i) => link(i + 2, i + 14, 'next')),
  ];
  const { placed, left } = placeGraph(1, nodes, links);
  assertReadable(placed, 25);
  assert.equal(left, 0);
});

test('an outer memory sits on the side of the neighbour it hangs from', () => {
  const nodes = [1, 2, 3, 4].map(memory);
  const { placed } = placeGraph(1, nodes, [link(1, 2), link(1, 3), link(3, 4)]);
  const via = placed.get(3)!;
  const other = placed.get(2)!;
  const outer = placed.get(4)!;
  assert.ok(
    Math.hypot(outer.x - via.x, outer.y - via.y) < Math.hypot(outer.x - other.x, outer.y - other.y),
    'nearer the memory it is linked through',
  );
});

test('a memory the links do not reach is still drawn, on the outer ring', () => {
  const nodes = [1, 2, 3].map(memory);
  const { placed } = placeGraph(1, nodes, [link(1, 2)]);
  assertReadable(placed, 3);
  assert.equal(placed.get(3)!.hops, 1);
});

test('more memories than the rings hold: those drawn stay apart, and the rest are counted, not piled up', () => {
  // forty neighbours, the first and the last with ten of their own each
  const nodes = Array.from({ length: 61 }, (_, i) => memory(i + 1));
  const links = [
    ...Array.from({ length: 40 }, (_, i) => link(1, i + 2)),
    ...Array.from({ length: 10 }, (_, i) => link(2, i + 42)),
    ...Array.from({ length: 10 }, (_, i) => link(41, i + 52)),
  ];
  const { placed, left } = placeGraph(1, nodes, links);
  assertReadable(placed, placed.size);
  assert.ok(placed.size >= 30, `${placed.size} drawn`);
  assert.equal(placed.size + left, 61, 'what is not drawn is counted');
});

test('outer memories crowding one side of the ring never land on those of the other side', () => {
  // two neighbours facing each other, one with two memories of its own, the other with twenty:
  // pushed round from their side, the twenty must not run into the two
  const nodes = Array.from({ length: 25 }, (_, i) => memory(i + 1));
  const links = [
    link(1, 2),
    link(1, 3),
    link(2, 4),
    link(2, 5),
    ...Array.from({ length: 20 }, (_, i) => link(3, i + 6)),
  ];
  const { placed, left } = placeGraph(1, nodes, links);
  assertReadable(placed, 25);
  assert.equal(left, 0);
});
