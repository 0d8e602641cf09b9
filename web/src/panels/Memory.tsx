/**
 * The Memory panel: the namespaces this session can read (count, size, model, access), the chosen
 * one's core blocks (MemoryBlocks), a search box over it with a kind filter, the hits, and the
 * chosen memory's versions and links (MemoryDetail).
 * Memory text is untrusted and is only ever rendered as text.
 */
import { useEffect, useState } from 'preact/hooks';
import { explain, isStarting, memory, RETRY_STARTING_MS, SEARCH_LIMIT_MAX, session } from '../memory.ts';
import type { MemoryHit, MemoryKind, MemoryNamespace, SearchMode } from '../types.ts';
import { MemoryAdd } from './MemoryAdd.tsx';
import { MemoryBlocks } from './MemoryBlocks.tsx';
import { age, MemoryDetail } from './MemoryDetail.tsx';

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

interface Searched {
  query: string;
  namespace: string | undefined;
  hits: MemoryHit[];
}

export function Memory() {
  const [namespaces, setNamespaces] = useState<MemoryNamespace[] | undefined>();
  const [listError, setListError] = useState('');
  const [reloads, setReloads] = useState(0);
  const [scope, setScope] = useState('');
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>('hybrid');
  const [limit, setLimit] = useState(10);
  const [kind, setKind] = useState<MemoryKind | ''>('');
  const [searched, setSearched] = useState<Searched | undefined>();
  const [searchError, setSearchError] = useState('');
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<{ namespace: string; id: number } | undefined>();

  useEffect(() => {
    let timer = 0;
    let current = true;
    memory('namespaces', {}).then(
      (r) => {
        if (!current) return;
        setListError('');
        setNamespaces(r.namespaces);
        setScope((s) => s || (r.namespaces.find((n) => n.access === 'admin') ?? r.namespaces[0])?.name || '');
      },
      (e: unknown) => {
        if (!current) return;
        setListError(explain(e, undefined));
        if (isStarting(e)) timer = window.setTimeout(() => setReloads((n) => n + 1), RETRY_STARTING_MS);
      },
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [reloads]);

  const search = async (e: Event) => {
    e.preventDefault();
    const namespace = scope || undefined;
    setBusy(true);
    setSearchError('');
    try {
      const { hits } = await memory('search', {
        namespace,
        query,
        mode,
        limit,
        kinds: kind ? [kind] : undefined,
      });
      setSearched({ query, namespace, hits });
    } catch (err) {
      setSearched(undefined);
      setSearchError(explain(err, namespace));
    } finally {
      setBusy(false);
    }
  };

  const total = namespaces?.reduce((n, ns) => n + ns.count, 0) ?? 0;
  const me = session();
  return (
    <section class="panel memory" aria-labelledby="memory-h">
      <div class="panel-head">
        <h2 id="memory-h">Memory</h2>
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <div class="memory-cols">
        <div class="memory-side">
          {listError && (
            <p class="error" role="alert">
              {listError}
            </p>
          )}
          {!namespaces && !listError && <p class="muted">Loading namespaces…</p>}
          {namespaces && namespaces.length > 0 && (
            <table class="compact" data-testid="memory-namespaces">
              <caption class="sr-only">Namespaces this session can read</caption>
              <thead>
                <tr>
                  <th scope="col">Namespace</th>
                  <th scope="col" class="num">
                    Memories
                  </th>
                  <th scope="col" class="num">
                    Size
                  </th>
                  <th scope="col">Model</th>
                  <th scope="col">Access</th>
                </tr>
              </thead>
              <tbody>
                {namespaces.map((n) => (
                  <tr key={n.name} class={n.name === scope ? 'chosen' : ''}>
                    <td>
                      <button
                        type="button"
                        class="link"
                        aria-pressed={n.name === scope}
                        title="Search this namespace"
                        onClick={() => setScope(n.name)}
                      >
                        {n.name}
                      </button>
                    </td>
                    <td class="num">{n.count.toLocaleString()}</td>
                    <td class="num">{size(n.bytes)}</td>
                    <td title={`${n.dimension} dimensions`}>{n.model}</td>
                    <td>{n.access}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {scope && namespaces?.some((n) => n.name === scope) && (
            <MemoryBlocks namespace={scope} reloads={reloads} />
          )}
          {me && (
            <p class="muted memory-meta">
              This session is <code>{me.agent}</code> (a new one each aios up); its own namespace is{' '}
              <code>{me.namespace}</code>
            </p>
          )}
          {namespaces && total === 0 && (
            <div class="muted memory-empty" data-testid="memory-empty">
              <p>No memories yet. Add one below, or from the CLI:</p>
              <pre>
                aios memory put "Dana looks after the yearly audit"
                {me ? ` --namespace ${me.namespace}` : ''}
              </pre>
              {me && (
                <>
                  <p>To see the owner's memories here, share them with this session:</p>
                  <pre>aios memory share {me.agent} read --namespace owner</pre>
                </>
              )}
            </div>
          )}
          {namespaces && (
            <MemoryAdd
              namespaces={namespaces}
              added={(m) => {
                setReloads((n) => n + 1);
                setSelected({ namespace: m.namespace, id: m.id });
              }}
            />
          )}
        </div>
        <div class="memory-main">
          <form class="memory-search" onSubmit={search} aria-label="Memory search">
            <input
              id="memory-query"
              type="search"
              placeholder="Search by words or meaning  (m)"
              aria-label="Search memories"
              value={query}
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            />
            <select
              aria-label="Namespace to search"
              value={scope}
              onChange={(e) => setScope((e.target as HTMLSelectElement).value)}
            >
              {!namespaces?.some((n) => n.name === scope) && (
                <option value={scope}>{scope || 'your own'}</option>
              )}
              {namespaces?.map((n) => (
                <option key={n.name} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
            <select
              aria-label="Search mode"
              value={mode}
              onChange={(e) => setMode((e.target as HTMLSelectElement).value as SearchMode)}
            >
              <option value="hybrid">hybrid</option>
              <option value="lexical">lexical</option>
              <option value="vector">vector</option>
            </select>
            <select
              aria-label="Kind of memory"
              value={kind}
              onChange={(e) => setKind((e.target as HTMLSelectElement).value as MemoryKind | '')}
            >
              <option value="">all kinds</option>
              <option value="archival">archival</option>
              <option value="core">core blocks</option>
              <option value="recall">conversation</option>
            </select>
            <input
              type="number"
              class="limit"
              aria-label="Most hits"
              min={1}
              max={SEARCH_LIMIT_MAX}
              value={limit}
              onInput={(e) => setLimit(Number((e.target as HTMLInputElement).value) || 10)}
            />
            <button type="submit" class="primary" disabled={busy || query.trim() === ''}>
              {busy ? 'Searching…' : 'Search'}
            </button>
          </form>
          <div aria-live="polite">
            {searchError && (
              <p class="error" role="alert">
                {searchError}
              </p>
            )}
            {searched && searched.hits.length === 0 && (
              <p class="muted">
                Nothing matches '{searched.query}' in {searched.namespace ?? 'your own namespace'}; try other
                words, the hybrid mode, or another namespace
              </p>
            )}
          </div>
          {searched && searched.hits.length > 0 && (
            <ol class="hits" data-testid="memory-hits">
              {searched.hits.map((h) => {
                const chosen = selected?.id === h.id && selected.namespace === h.namespace;
                return (
                  <li key={`${h.namespace}/${h.id}`}>
                    <button
                      type="button"
                      class={chosen ? 'hit chosen' : 'hit'}
                      aria-pressed={chosen}
                      data-testid="memory-hit"
                      onClick={() => setSelected({ namespace: h.namespace, id: h.id })}
                    >
                      <span class="hit-meta">
                        <span class="score" title="Fused score">
                          {h.score.toFixed(3)}
                        </span>
                        <span class={`kind kind-${h.kind}`}>{h.kind}</span>
                        <span class="muted">
                          #{h.id} · v{h.version} · {age(h.updatedAt)}
                        </span>
                      </span>
                      <span class="memory-text">{h.text}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {selected && (
            <MemoryDetail
              namespace={selected.namespace}
              id={selected.id}
              onCentre={(id) => setSelected({ namespace: selected.namespace, id })}
            />
          )}
        </div>
      </div>
    </section>
  );
}
