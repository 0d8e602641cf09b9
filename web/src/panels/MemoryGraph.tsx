/**
 * A memory's links drawn as a graph in SVG: the memory in the centre, its neighbours on a ring
 * per hop around it, each edge an arrow labelled by its relation. Clicking a neighbour (or
 * Enter on it) re-centres on it. Memory text is untrusted, so it only ever becomes SVG text.
 */
import type { Memory, MemoryLink } from '../types.ts';

const WIDTH = 720;
const HEIGHT = 440;
/**
 * Distance of each hop's ring from the centre, by how many rings the drawing has (the rings are
 * stretched sideways to fit the box): one ring uses the room two would share.
 */
const RINGS: Record<number, number[]> = { 1: [0, 170], 2: [0, 100, 195] };
const STRETCH = 1.5;
const RADIUS = { centre: 18, neighbour: 12 };
/** Characters of a memory's text shown under its node (the whole text is its tooltip). */
const LABEL_CHARS = 20;
/** The widest angle between two memories on an outer ring: siblings stay near their parent. */
const MAX_SEPARATION = 1;
/** How far apart the labels of two links between the same pair of memories sit (a line of text). */
const LABEL_LINE = 13;

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
 * first ring evenly around from the right, an outer one each memory as near the angle of the one it was reached
 * from as its ring's spacing allows.
 */
export function placeGraph(
  centre: number,
  nodes: readonly Memory[],
  links: readonly MemoryLink[],
): Map<number, Placed> {
  const { hops, parent } = reach(centre, links);
  const others = nodes.filter((m) => m.id !== centre);
  // a memory the links do not reach, or one further out than the drawing has rings, shares the last
  const rings = Math.min(2, Math.max(1, ...others.map((m) => hops.get(m.id) ?? 1)));
  const ringOf = (m: Memory) => Math.min(hops.get(m.id) ?? rings, rings);
  const radius = RINGS[rings];
  const cx = WIDTH / 2;
  const cy = HEIGHT / 2;
  const placed = new Map<number, Placed>();
  const centreMemory = nodes.find((m) => m.id === centre);
  if (centreMemory) placed.set(centre, { memory: centreMemory, x: cx, y: cy, hops: 0 });
  const angle = new Map<number, number>();
  for (let ring = 1; ring <= rings; ring++) {
    const members = others.filter((m) => ringOf(m) === ring);
    const even = (2 * Math.PI) / Math.max(1, members.length);
    const wanted = (m: Memory) => angle.get(parent.get(m.id) ?? centre) ?? 0;
    if (ring === 1) {
      members.sort((a, b) => a.id - b.id);
      members.forEach((m, i) => {
        angle.set(m.id, i * even); // from the right: the box is wider than tall
      });
    } else {
      members.sort((a, b) => wanted(a) - wanted(b) || a.id - b.id);
      const gap = Math.min(even, MAX_SEPARATION);
      const at = members.map(wanted);
      for (let i = 1; i < at.length; i++) at[i] = Math.max(at[i], at[i - 1] + gap);
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
  return placed;
}

function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * A node's circle with the memory's id and, for a neighbour, the start of its text below (the
 * centre's text is shown beside the drawing, where it does not cover the edge labels around it).
 */
function NodeMark({ memory, radius, label }: { memory: Memory; radius: number; label?: number }) {
  return (
    <>
      <title>{memory.text}</title>
      <circle r={radius} />
      <text class="node-id" text-anchor="middle" dy="0.35em">
        {memory.id}
      </text>
      {label !== undefined && (
        <text class="node-text" text-anchor="middle" y={radius + 13}>
          {clip(memory.text, label)}
        </text>
      )}
    </>
  );
}

interface Props {
  centre: number;
  nodes: readonly Memory[];
  links: readonly MemoryLink[];
  onCentre: (id: number) => void;
}

export function MemoryGraph({ centre, nodes, links, onCentre }: Props) {
  const placed = placeGraph(centre, nodes, links);
  const pairCount = new Map<string, number>();
  return (
    <svg class="memory-graph" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} data-testid="memory-graph">
      <title>{`Links of memory #${centre}: ${placed.size - 1} neighbours, ${links.length} links`}</title>
      <defs>
        <marker
          id="memory-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      {links.map((l) => {
        const a = placed.get(l.from);
        const b = placed.get(l.to);
        if (!a || !b || a === b) return null;
        const pair = [l.from, l.to].sort((x, y) => x - y).join('-');
        const nth = pairCount.get(pair) ?? 0;
        pairCount.set(pair, nth + 1);
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const length = Math.hypot(dx, dy) || 1;
        const ra = a.hops === 0 ? RADIUS.centre : RADIUS.neighbour;
        const rb = b.hops === 0 ? RADIUS.centre : RADIUS.neighbour;
        return (
          <g key={`${l.from}-${l.to}-${l.relation}`} class="edge">
            <line
              x1={a.x + (dx / length) * ra}
              y1={a.y + (dy / length) * ra}
              x2={b.x - (dx / length) * (rb + 2)}
              y2={b.y - (dy / length) * (rb + 2)}
              marker-end="url(#memory-arrow)"
            />
            <text
              class="edge-label"
              data-testid="graph-edge-label"
              x={(a.x + b.x) / 2}
              y={(a.y + b.y) / 2 - 4 + nth * LABEL_LINE}
              text-anchor="middle"
            >
              {l.relation}
            </text>
          </g>
        );
      })}
      {[...placed.values()].map((p) =>
        p.hops === 0 ? (
          <g
            key={p.memory.id}
            class="node centre"
            data-testid="graph-node"
            data-id={p.memory.id}
            transform={`translate(${p.x} ${p.y})`}
          >
            <NodeMark memory={p.memory} radius={RADIUS.centre} />
          </g>
        ) : (
          // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the role, focus and keys make the node one
          <g
            key={p.memory.id}
            class="node"
            data-testid="graph-node"
            data-id={p.memory.id}
            transform={`translate(${p.x} ${p.y})`}
            role="button"
            tabIndex={0}
            aria-label={`Centre on memory #${p.memory.id}: ${clip(p.memory.text, 80)}`}
            onClick={() => onCentre(p.memory.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onCentre(p.memory.id);
              }
            }}
          >
            <NodeMark memory={p.memory} radius={RADIUS.neighbour} label={LABEL_CHARS} />
          </g>
        ),
      )}
    </svg>
  );
}
