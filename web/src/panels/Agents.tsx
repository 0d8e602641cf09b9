/** The agents table: filter, inspect, suspend, resume and kill (kill is confirmed first). */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { confirmAction } from '../confirm.tsx';
import { useAction, useStore } from '../hooks.ts';
import type { Agent } from '../types.ts';

const ALIVE = new Set(['spawning', 'running', 'blocked', 'suspended']);
const MAX_ROWS = 200;

function bytes(n = 0): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function Agents() {
  const s = useStore('agents');
  const [filter, setFilter] = useState('');
  const [showEnded, setShowEnded] = useState(false);
  const [showSessions, setShowSessions] = useState(false);
  const [notice, setNotice] = useState('');
  const act = useAction(async (agent: Agent, verb: 'kill' | 'suspend' | 'resume') => {
    if (verb === 'kill') {
      const ok = await confirmAction(
        `Kill agent ${agent.pid}?`,
        `${agent.name || 'This agent'} (pid ${agent.pid}) will be ended at once, with its children unless they are reparented. This cannot be undone.`,
        'Kill',
      );
      if (!ok) return;
      await api('DELETE', `/v1/agents/${agent.pid}`);
    } else {
      await api('POST', `/v1/agents/${agent.pid}/${verb}`);
    }
    setNotice(
      `${verb === 'kill' ? 'Killed' : verb === 'suspend' ? 'Suspended' : 'Resumed'} agent ${agent.pid}`,
    );
    await s.reload();
  });

  const needle = filter.trim().toLowerCase();
  const rows = [...s.agents.values()]
    .filter((a) => showEnded || ALIVE.has(a.state))
    .filter((a) => showSessions || a.runtime !== 'external')
    .filter(
      (a) =>
        needle === '' ||
        String(a.pid) === needle ||
        a.name.toLowerCase().includes(needle) ||
        a.state.includes(needle),
    )
    .sort((a, b) => a.pid - b.pid);

  return (
    <section class="panel agents" aria-labelledby="agents-h">
      <div class="panel-head">
        <h2 id="agents-h">Agents</h2>
        <input
          id="agent-filter"
          type="search"
          placeholder="Filter by pid, name or state  (a)"
          aria-label="Filter agents"
          value={filter}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />
        <label class="toggle">
          <input
            type="checkbox"
            checked={showEnded}
            onChange={(e) => setShowEnded((e.target as HTMLInputElement).checked)}
          />{' '}
          ended
        </label>
        <label class="toggle">
          <input
            type="checkbox"
            checked={showSessions}
            onChange={(e) => setShowSessions((e.target as HTMLInputElement).checked)}
          />{' '}
          sessions
        </label>
      </div>
      {act.error && (
        <p class="error" role="alert">
          {act.error}
        </p>
      )}
      {notice && !act.error && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">PID</th>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Runtime</th>
              <th scope="col">Class</th>
              <th scope="col" class="num">
                Syscalls
              </th>
              <th scope="col" class="num">
                Msgs
              </th>
              <th scope="col" class="num">
                Memory
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((a) => (
              <tr key={a.pid} data-pid={a.pid}>
                <td class="num">{a.pid}</td>
                <td>{a.name}</td>
                <td>
                  <span class={`state state-${a.state}`}>{a.state}</span>
                  {a.exit && <span class="muted"> {a.exit.reason}</span>}
                </td>
                <td>{a.runtime}</td>
                <td>{a.schedClass ?? ''}</td>
                <td class="num">{a.usage?.syscalls ?? ''}</td>
                <td class="num">{a.usage?.messagesSent ?? ''}</td>
                <td class="num">{a.usage ? bytes(a.usage.memoryBytes) : ''}</td>
                <td class="actions">
                  {ALIVE.has(a.state) && a.pid !== 1 && (
                    <>
                      {a.state === 'suspended' ? (
                        <button type="button" disabled={act.busy} onClick={() => act.run(a, 'resume')}>
                          Resume
                        </button>
                      ) : (
                        <button type="button" disabled={act.busy} onClick={() => act.run(a, 'suspend')}>
                          Suspend
                        </button>
                      )}
                      <button
                        type="button"
                        class="danger"
                        disabled={act.busy}
                        aria-label={`Kill agent ${a.pid}`}
                        onClick={() => act.run(a, 'kill')}
                      >
                        Kill
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > MAX_ROWS && (
          <p class="muted">
            Showing {MAX_ROWS} of {rows.length}; filter to narrow.
          </p>
        )}
        {rows.length === 0 && <p class="muted">No agents match.</p>}
      </div>
    </section>
  );
}
