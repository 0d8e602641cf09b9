/** System services and their status: kernel, scheduler, audit chain, API stream, service agents. */
import { useStore } from '../hooks.ts';
import { percentile } from '../store.ts';

function Dot({ ok, warn }: { ok: boolean; warn?: boolean }) {
  const cls = ok ? 'dot ok' : warn ? 'dot warn' : 'dot bad';
  return <span class={cls} aria-hidden="true" />;
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

export function Services() {
  const s = useStore('stats', 'conn', 'agents');
  const sys = s.system;
  const last = s.stats.at(-1);
  const live = s.connection === 'live';
  const services = [...s.agents.values()].filter(
    (a) => a.labels?.service !== undefined || a.labels?.kind === 'service',
  );
  const lagP50 = Math.round(percentile(s.lags.slice(-500), 50));
  const lagP99 = Math.round(percentile(s.lags.slice(-500), 99));
  const states = last?.agents ?? {};
  const alive = ['spawning', 'running', 'blocked', 'suspended'].reduce((n, k) => n + (states[k] ?? 0), 0);
  const llm = last?.resources.find((r) => r.name === 'llm');
  const tiles: [string, string][] = [
    ['agents alive', String(alive)],
    ['IPC msg/s', last ? Math.round(last.ipc.messagesPerSec).toLocaleString() : '–'],
    ['LLM slots', llm ? `${llm.running}/${llm.slots}` : '–'],
    ['audit entries', (last?.auditHead ?? sys?.auditHead ?? 0).toLocaleString()],
  ];
  return (
    <section class="panel services" aria-labelledby="services-h">
      <h2 id="services-h">System</h2>
      <dl class="tiles">
        {tiles.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul class="status-list">
        <li>
          <Dot ok={sys !== undefined} />
          <span class="name">kernel</span>
          <span class="value">
            {sys ? `v${sys.version} · pid ${sys.pid} · up ${duration(sys.uptimeMs)}` : 'unreachable'}
          </span>
        </li>
        <li>
          <Dot ok={sys !== undefined} />
          <span class="name">scheduler</span>
          <span class="value">
            {sys?.policy ?? '–'}
            {last?.resources.map(
              (r) => ` · ${r.name} ${r.running}/${r.slots}${r.waiting ? ` (+${r.waiting})` : ''}`,
            )}
          </span>
        </li>
        <li>
          <Dot ok={sys !== undefined} />
          <span class="name">audit chain</span>
          <span class="value">head #{last?.auditHead ?? sys?.auditHead ?? 0}</span>
        </li>
        <li>
          <Dot ok={live} warn={s.connection === 'connecting'} />
          <span class="name">event stream</span>
          <span class="value" data-testid="stream-status">
            {s.connection}
            {live && s.lags.length > 0 ? ` · lag p50 ${lagP50} ms, p99 ${lagP99} ms` : ''}
          </span>
        </li>
        {services.map((a) => (
          <li key={a.pid}>
            <Dot ok={a.state === 'running' || a.state === 'blocked'} warn={a.state === 'suspended'} />
            <span class="name">{a.labels?.service ?? a.name}</span>
            <span class="value">
              pid {a.pid} · {a.state}
            </span>
          </li>
        ))}
      </ul>
      <p class="counts" title="Agents by state">
        {Object.entries(states).map(([state, n]) => (
          <span key={state} class={`count state-${state}`}>
            <b>{n}</b> {state}
          </span>
        ))}
      </p>
    </section>
  );
}
