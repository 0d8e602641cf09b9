/**
 * Where the Memory panel draws each memory of a graph: the centre in the middle, every other
 * memory on the ring of its hop count around it. Pure, so that it can be tested in Node.
 *
 * @example
 * const placed = placeGraph(centre.id, nodes, links); // Map id -> { x, y, hops }
 */
import type { Memory, MemoryLink } from './types.ts';

/** The drawing's box (its SVG viewBox). */
export const GRAPH_BOX = { width: 720, height: 440 } as const;
/**
 * Distance of each hop's ring from the centre, by how many rings the drawing has (the rings are
 * stretched sideways to fit the box): one ring uses the room two would share.
 */
const RINGS: Record<number, number[]> = { 1: [0, 170], 2: [0, 100, 195] };
const STRETCH = 1.5;
/** The widest angle between two memories on an outer ring: siblings stay near their parent. */
const MAX_SEPARATION = 1;
/**
 * Most memories a ring holds, by ring: more would overlap (nodes are 24 units wide; the first
 * ring of two is 100 units from the centre, 2 pi 100 / 24 = 26 places).
 */
const RING_HOLDS = [1, 24, 36];

export interface Placed {
  memory: Memory;
  x: number;
  y: number;
  /** Hops from the centre: 0 for the centre itself. */
  hops: number;
}

/** Hops from `centre` to each memory it reaches (links count both ways), and whom each was reached from. */
function reach(
  centre: number,
  links: readonly MemoryLink[],
): { hops: Map<number, number>; parent: Map<number, number> } {
  const near = new Map<number, number[]>();
  const join = (a: number, b: number) => near.set(a, [...(near.get(a) ?? []), b]);
  for (const l of links) {
    join(l.from, l.to);
    join(l.to, l.from);
  }
  const hops = new Map<number, number>([[centre, 0]]);
  const parent = new Map<number, number>();
  const queue = [centre];
  while (queue.length > 0) {
    const at = queue.shift() as number;
    for (const next of near.get(at) ?? []) {
      if (hops.has(next)) continue;
      hops.set(next, (hops.get(at) ?? 0) + 1);
      parent.set(next, at);
      queue.push(next);
    }
  }
  return { hops, parent };
}

/**
 * Places the centre in the middle and each other memory on the ring of its hop count: the
 * first ring evenly around from the right, an outer one each memory as near the angle of the
 * one it was reached from as its ring's spacing allows. A ring holds at most RING_HOLDS
 * memories; `left` counts those not drawn.
 */
export function placeGraph(
  centre: number,
  nodes: readonly Memory[],
  links: readonly MemoryLink[],
): { placed: Map<number, Placed>; left: number } {
  const { hops, parent } = reach(centre, links);
  const others = nodes.filter((m) => m.id !== centre);
  // a memory the links do not reach, or one further out than the drawing has rings, shares the last
  const rings = Math.min(2, Math.max(1, ...others.map((m) => hops.get(m.id) ?? 1)));
  const ringOf = (m: Memory) => Math.min(hops.get(m.id) ?? rings, rings);
  const radius = RINGS[rings];
  const cx = GRAPH_BOX.width / 2;
  const cy = GRAPH_BOX.height / 2;
  const placed = new Map<number, Placed>();
  const centreMemory = nodes.find((m) => m.id === centre);
  if (centreMemory) placed.set(centre, { memory: centreMemory, x: cx, y: cy, hops: 0 });
  const angle = new Map<number, number>([[centre, 0]]);
  let left = 0;
  for (let ring = 1; ring <= rings; ring++) {
    const drawnParent = (m: Memory) => angle.has(parent.get(m.id) ?? centre);
    // memories hanging from one that is drawn come first, the rest only while there is room
    const members = others
      .filter((m) => ringOf(m) === ring)
      .sort((a, b) => Number(drawnParent(b)) - Number(drawnParent(a)) || a.id - b.id);
    left += Math.max(0, members.length - RING_HOLDS[ring]);
    members.splice(RING_HOLDS[ring]);
    const even = (2 * Math.PI) / Math.max(1, members.length);
    if (ring === 1) {
      members.forEach((m, i) => {
        angle.set(m.id, i * even); // from the right: the box is wider than tall
      });
    } else {
      const wanted = (m: Memory) => (drawnParent(m) ? (angle.get(parent.get(m.id) ?? centre) ?? 0) : 0);
      members.sort((a, b) => wanted(a) - wanted(b) || a.id - b.id);
      const gap = Math.min(even, MAX_SEPARATION);
      const at = members.map(wanted);
      for (let i = 1; i < at.length; i++) at[i] = Math.max(at[i], at[i - 1] + gap);
      // pushed past a full turn, the last would land on the first: space them evenly instead
      const crowded = at.length > 1 && at[at.length - 1] - at[0] > 2 * Math.PI - gap;
      if (crowded) for (let i = 1; i < at.length; i++) at[i] = at[0] + i * even;
      // pushing apart only moves forward: shift back so that the ring is centred on its parents
      const drift = at.reduce((sum, a, i) => sum + a - wanted(members[i]), 0) / Math.max(1, at.length);
      members.forEach((m, i) => {
        angle.set(m.id, at[i] - drift);
      });
    }
    for (const m of members) {
      const a = angle.get(m.id) ?? 0;
      placed.set(m.id, {
        memory: m,
        x: cx + Math.cos(a) * radius[ring] * STRETCH,
        y: cy + Math.sin(a) * radius[ring],
        hops: ring,
      });
    }
  }
  return { placed, left };
}
