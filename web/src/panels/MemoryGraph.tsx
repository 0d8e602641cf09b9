/**
 * A memory's links drawn as a graph in SVG: the memory in the centre, its neighbours on a ring
 * per hop around it, each edge an arrow labelled by its relation. Clicking a neighbour (or
 * Enter on it) re-centres on it. Memory text is untrusted, so it only ever becomes SVG text.
 */
import { GRAPH_BOX, placeGraph } from '../graph-layout.ts';
import type { Memory, MemoryLink } from '../types.ts';

const RADIUS = { centre: 18, neighbour: 12 };
/** Characters of a memory's text shown under its node (the whole text is its tooltip). */
const LABEL_CHARS = 20;
/** How far apart the labels of two links between the same pair of memories sit (a line of text). */
const LABEL_LINE = 13;

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
  const { placed, left } = placeGraph(centre, nodes, links);
  const pairCount = new Map<string, number>();
  return (
    <>
      <svg
        class="memory-graph"
        viewBox={`0 0 ${GRAPH_BOX.width} ${GRAPH_BOX.height}`}
        data-testid="memory-graph"
      >
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
      {left > 0 && (
        <p class="muted memory-meta">
          {left} more linked memories are not drawn; pick 1 hop, or click a neighbour to centre on it
        </p>
      )}
    </>
  );
}
