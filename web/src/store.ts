/**
 * Live state of the dashboard: agents, resource samples, scheduler requests, audit entries
 * and the stream's own lag, kept current by the server's event stream (/v1/events). Events
 * change the state at once; views re-render at most once per animation frame.
 */
import { api, token } from './api.ts';
import type { Agent, AuditEntry, SchedEvent, Stats, SystemInfo } from './types.ts';

export interface SchedBar {
  id: number;
  pid: number;
  resource: string;
  submitted: number;
  started?: number;
  ended?: number;
  outcome?: 'complete' | 'cancel';
}

export type Connection = 'connecting' | 'live' | 'down' | 'unauthorized';

/** Parts of the state a view can follow; a view re-renders only when one of its parts changed. */
export type Slice = 'agents' | 'stats' | 'sched' | 'audit' | 'conn';

/**
 * Views re-render at most this often: events are applied to the state as they arrive (and
 * their lag measured then), but at thousands a second re-rendering on each would starve them.
 */
const RENDER_EVERY_MS = 100;

/** Seconds of history kept for charts and the timeline. */
export const WINDOW_S = 120;
const MAX_BARS = 600;
const MAX_AUDIT = 400;
const MAX_LAGS = 20_000;

class Store {
  agents = new Map<number, Agent>();
  stats: Stats[] = [];
  bars = new Map<number, SchedBar>();
  audit: AuditEntry[] = [];
  system: SystemInfo | undefined;
  connection: Connection = 'connecting';
  /** Milliseconds from publish on the server to arrival here, newest last. */
  lags: number[] = [];
  events = 0;
  version = 0;
  #listeners = new Set<{ slices: ReadonlySet<Slice>; fn: () => void }>();
  #dirty = new Set<Slice>();
  #timer = 0;
  #lastRender = 0;
  #source: EventSource | undefined;
  #refresh: number | undefined;

  subscribe(slices: readonly Slice[], fn: () => void): () => void {
    const entry = { slices: new Set(slices), fn };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  changed(slice: Slice): void {
    this.version++;
    this.#dirty.add(slice);
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastRender + RENDER_EVERY_MS - performance.now());
    this.#timer = window.setTimeout(() => {
      requestAnimationFrame(() => {
        this.#timer = 0;
        this.#lastRender = performance.now();
        const dirty = this.#dirty;
        this.#dirty = new Set();
        for (const l of this.#listeners) {
          for (const s of dirty) {
            if (l.slices.has(s)) {
              l.fn();
              break;
            }
          }
        }
      });
    }, wait);
  }

  async start(): Promise<void> {
    await this.reload();
    this.#connect();
    this.#refresh = window.setInterval(() => void this.reload().catch(() => {}), 5000);
  }

  stop(): void {
    this.#source?.close();
    if (this.#refresh) clearInterval(this.#refresh);
  }

  /** Fetches what events do not carry in full (agent usage, system info). */
  async reload(): Promise<void> {
    const [system, agents, stats] = await Promise.all([
      api<SystemInfo>('GET', '/v1/system'),
      api<Agent[]>('GET', '/v1/agents'),
      this.stats.length === 0 ? api<Omit<Stats, 't'>>('GET', '/v1/stats') : undefined,
    ]);
    this.system = system;
    if (stats && this.stats.length === 0) this.stats.push({ ...stats, t: Date.now() }); // charts start at once
    const next = new Map<number, Agent>();
    for (const a of agents) next.set(a.pid, a);
    // an event newer than the listing wins (the listing may have been taken before it)
    for (const [pid, a] of this.agents) if (!next.has(pid) && a.state !== 'exited') next.set(pid, a);
    this.agents = next;
    this.changed('agents');
    this.changed('stats');
  }

  async loadAudit(): Promise<void> {
    const head = this.system?.auditHead ?? 0;
    const page = await api<{ entries: AuditEntry[] }>(
      'GET',
      `/v1/audit?after=${Math.max(0, head - 100)}&limit=100`,
    );
    const known = new Set(this.audit.map((e) => e.seq));
    this.audit = [...this.audit, ...page.entries.filter((e) => !known.has(e.seq))]
      .sort((a, b) => a.seq - b.seq)
      .slice(-MAX_AUDIT);
    this.changed('audit');
  }

  #connect(): void {
    this.connection = 'connecting';
    const source = new EventSource(`/v1/events?token=${encodeURIComponent(token())}`);
    this.#source = source;
    source.addEventListener('hello', () => {
      this.connection = 'live';
      this.changed('conn');
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // the server refused the stream (a revoked or expired token) or went away
        this.connection = 'down';
        this.changed('conn');
        api('GET', '/v1/system').then(
          () => setTimeout(() => this.#connect(), 1000),
          (e: { status?: number }) => {
            this.connection = e.status === 401 || e.status === 403 ? 'unauthorized' : 'down';
            this.changed('conn');
            if (this.connection === 'down') setTimeout(() => this.#connect(), 2000);
          },
        );
      } else {
        this.connection = 'connecting';
        this.changed('conn');
      }
    };
    const on = (topic: string, slice: Slice | undefined, fn: (data: never) => void) =>
      source.addEventListener(topic, (e) => {
        const data = JSON.parse((e as MessageEvent).data);
        this.#lag(Date.now() - data.t);
        fn(data as never);
        if (slice) this.changed(slice);
      });
    on('lifecycle', 'agents', (d: { type: string; pid: number } & Partial<Agent>) => this.#lifecycle(d));
    on('stats', 'stats', (d: Stats) => {
      this.stats.push(d);
      if (this.stats.length > WINDOW_S) this.stats.splice(0, this.stats.length - WINDOW_S);
      if (this.system) this.system.auditHead = d.auditHead;
    });
    on('sched', 'sched', (d: SchedEvent) => this.#sched(d));
    on('audit', 'audit', (d: AuditEntry) => {
      this.audit.push(d);
      if (this.audit.length > MAX_AUDIT) this.audit.splice(0, this.audit.length - MAX_AUDIT);
    });
    on('ipc', undefined, () => {});
  }

  #lag(ms: number): void {
    this.events++;
    this.lags.push(ms);
    if (this.lags.length > MAX_LAGS) this.lags.splice(0, this.lags.length - MAX_LAGS);
  }

  #lifecycle(d: { type: string; pid: number } & Partial<Agent>): void {
    const known = this.agents.get(d.pid);
    this.agents.set(d.pid, {
      ...(known ?? { pid: d.pid, parent: d.parent ?? 0, name: d.name ?? '', runtime: d.runtime ?? '' }),
      state: d.state ?? known?.state ?? 'running',
      exit: d.exit ?? known?.exit ?? null,
    } as Agent);
  }

  #sched(d: SchedEvent): void {
    let bar = this.bars.get(d.id);
    if (!bar) {
      bar = { id: d.id, pid: d.pid, resource: d.resource, submitted: d.t };
      this.bars.set(d.id, bar);
      if (this.bars.size > MAX_BARS) this.bars.delete(this.bars.keys().next().value as number);
    }
    if (d.type === 'start') bar.started = d.t;
    else if (d.type === 'requeue') bar.started = undefined;
    else if (d.type === 'complete' || d.type === 'cancel') {
      bar.ended = d.t;
      bar.outcome = d.type;
    }
  }
}

export const store = new Store();

// for tools and benchmarks that drive the page (bench/dashboard.bench.ts reads the lags)
(globalThis as { aiosStore?: Store }).aiosStore = store;

/** p-th percentile of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
