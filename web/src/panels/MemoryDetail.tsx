/**
 * One memory: its versions, oldest first (memoryd's history), and its links drawn as a graph
 * one or two hops deep; clicking a neighbour makes it the memory shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { explain, memory } from '../memory.ts';
import type { Memory, MemoryLink } from '../types.ts';
import { MemoryGraph } from './MemoryGraph.tsx';

interface Props {
  namespace: string;
  id: number;
  onCentre: (id: number) => void;
}

interface Loaded {
  versions: Memory[];
  nodes: Memory[];
  links: MemoryLink[];
}

/** "3 min ago": how long since a time, coarsely. */
export function age(t: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function MemoryDetail({ namespace, id, onCentre }: Props) {
  const [depth, setDepth] = useState(1);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    setError('');
    Promise.all([memory('history', { namespace, id }), memory('graph', { namespace, id, depth })]).then(
      ([{ versions }, { nodes, links }]) => {
        if (!current) return;
        const latest = versions.at(-1);
        // the drawing needs the centre even if the graph lists only its neighbours
        const all = latest && !nodes.some((n) => n.id === id) ? [latest, ...nodes] : nodes;
        setLoaded({ versions, nodes: all, links });
      },
      (e: unknown) => {
        if (current) setError(explain(e, namespace));
      },
    );
    return () => {
      current = false;
    };
  }, [namespace, id, depth]);

  const latest = loaded?.versions.at(-1);
  return (
    <article class="memory-detail" aria-labelledby="memory-detail-h" data-testid="memory-detail">
      <div class="panel-head">
        <h3 id="memory-detail-h">
          Memory #{id} <span class="muted">in {namespace}</span>
        </h3>
        <label class="toggle">
          Links{' '}
          <select
            aria-label="Link depth"
            value={depth}
            onChange={(e) => setDepth(Number((e.target as HTMLSelectElement).value))}
          >
            <option value="1">1 hop</option>
            <option value="2">2 hops</option>
          </select>
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!loaded && !error && <p class="muted">Loading…</p>}
      {loaded && latest && (
        <>
          <p class="memory-text current" data-testid="memory-current">
            {latest.text}
          </p>
          <p class="muted memory-meta">
            {latest.kind} · importance {latest.importance} · v{latest.version} · updated{' '}
            {age(latest.updatedAt)}
          </p>
          {loaded.links.length === 0 ? (
            <p class="muted">
              No links yet. Link it from the CLI: aios memory link {id} OTHER-ID relation --namespace{' '}
              {namespace}
            </p>
          ) : (
            <MemoryGraph centre={id} nodes={loaded.nodes} links={loaded.links} onCentre={onCentre} />
          )}
          <h4>{loaded.versions.length === 1 ? '1 version' : `${loaded.versions.length} versions`}</h4>
          <ol class="versions" data-testid="memory-versions">
            {loaded.versions.map((v) => (
              <li key={v.version}>
                <span class="muted">
                  v{v.version} · {new Date(v.updatedAt).toLocaleString()} · {v.kind}
                </span>
                <p class="memory-text">{v.text}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
