/**
 * The Prometheus registry behind Metrics (prom-client): agents by state, syscalls by name and result, IPC
 * messages and bytes, scheduler queue depth and wait time, LLM tokens and cost, audit length,
 * API requests, and Node's process metrics. Gauges are read from the kernel at scrape time;
 * counters of syscalls, waits and LLM use follow the event bus (the sealed audit lines and the
 * scheduler's observer), so the numbers are the ones the audit chain holds.
 *
 * Metrics (metrics.ts) loads this module after `aios up` is ready and feeds it the events that
 * came before.
 *
 * @example
 * const registry = new PromMetrics(system, bus);
 * registry.follow(events);
 * const text = await registry.text(); // GET /metrics
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { System } from '../boot.ts';
import { Accounting, type ModelSummary } from '../intel/accounting.ts';
import { IntelDb } from '../intel/db.ts';
import { INIT_PID, type SystemInfo } from '../kernel/index.ts';

/** Gauges read within this many ms of each other share one system_info (one scrape). */
const SCRAPE_SHARE_MS = 100;

import type { BusEvent, EventBus } from './events.ts';

/** Tokens and cost per model as intel's accounting keeps them ($AIOS_HOME/intel.db). */
function llmTotals(home: string): ModelSummary[] {
  if (!existsSync(join(home, 'intel.db'))) return [];
  const db = IntelDb.open(home);
  try {
    return new Accounting(db).summary();
  } finally {
    db.close();
  }
}

export class PromMetrics {
  readonly registry = new Registry();
  readonly #syscalls: Counter<'name' | 'result'>;
  readonly #wait: Histogram<'resource'>;
  readonly #llmScheduled: Counter;
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #latency: Histogram<'method' | 'route'>;

  constructor(system: System, bus: EventBus) {
    // Read at scrape time through the owner's system_info syscall, as the dashboard reads it:
    // once a scrape, though several gauges ask (it walks every agent).
    let last: { at: number; info: SystemInfo } | undefined;
    const info = () => {
      const at = performance.now();
      if (last === undefined || at - last.at > SCRAPE_SHARE_MS) {
        last = {
          at,
          info: system.kernel.syscall(INIT_PID, 'system_info', {
            handle: system.systemHandle,
            detail: true,
          }) as SystemInfo,
        };
      }
      return last.info;
    };
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });

    new Gauge({
      name: 'aios_agents',
      help: 'Agents in the process table by state',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const [state, n] of Object.entries(info().byState ?? {})) this.inc({ state }, n);
      },
    });
    this.#syscalls = new Counter({
      name: 'aios_syscalls_total',
      help: 'Syscalls by name and result (ok or the error code), as the audit chain records them',
      labelNames: ['name', 'result'],
      registers,
    });
    let seenMessages = 0;
    new Counter({
      name: 'aios_ipc_messages_total',
      help: 'IPC messages written since boot',
      registers,
      collect() {
        const { messages } = info();
        this.inc(messages - seenMessages);
        seenMessages = messages;
      },
    });
    let seenBytes = 0;
    new Counter({
      name: 'aios_ipc_bytes_total',
      help: 'IPC payload bytes written since boot',
      registers,
      collect() {
        const { bytes } = info();
        this.inc(bytes - seenBytes);
        seenBytes = bytes;
      },
    });
    const resourceGauge = (name: string, help: string, pick: 'waiting' | 'running' | 'slots') =>
      new Gauge({
        name,
        help,
        labelNames: ['resource'],
        registers,
        collect() {
          for (const r of info().resources) this.set({ resource: r.name }, r[pick]);
        },
      });
    resourceGauge('aios_sched_queue_depth', 'Requests waiting for a scheduled resource', 'waiting');
    resourceGauge('aios_sched_running', 'Requests holding a slot of a scheduled resource', 'running');
    resourceGauge('aios_sched_slots', 'Slots of a scheduled resource', 'slots');
    this.#wait = new Histogram({
      name: 'aios_sched_wait_seconds',
      help: 'Time requests waited between submit and start',
      labelNames: ['resource'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#llmScheduled = new Counter({
      name: 'aios_llm_scheduled_tokens_total',
      help: 'LLM tokens the scheduler granted to agents (their estimated cost) since boot',
      registers,
    });
    // from intel's accounting, which keeps every call across restarts: read at scrape time
    let models: ModelSummary[] = [];
    new Counter({
      name: 'aios_llm_tokens_total',
      help: 'LLM tokens by model and direction (input, output), as providers reported them',
      labelNames: ['model', 'provider', 'direction'],
      registers,
      collect() {
        models = llmTotals(system.home);
        this.reset();
        for (const m of models) {
          this.inc({ model: m.model, provider: m.provider, direction: 'input' }, m.input);
          this.inc({ model: m.model, provider: m.provider, direction: 'output' }, m.output);
        }
      },
    });
    new Counter({
      name: 'aios_llm_cost_usd_total',
      help: 'LLM cost in US dollars by model, at the configured prices',
      labelNames: ['model', 'provider'],
      registers,
      collect() {
        this.reset();
        for (const m of models) this.inc({ model: m.model, provider: m.provider }, m.costUsd);
      },
    });
    new Counter({
      name: 'aios_llm_calls_total',
      help: 'LLM calls by model and result',
      labelNames: ['model', 'provider', 'result'],
      registers,
      collect() {
        this.reset();
        for (const m of models) {
          this.inc({ model: m.model, provider: m.provider, result: 'ok' }, m.calls - m.failed);
          this.inc({ model: m.model, provider: m.provider, result: 'failed' }, m.failed);
        }
      },
    });
    new Gauge({
      name: 'aios_audit_entries',
      help: 'Length of the audit chain (its head seq)',
      registers,
      collect() {
        this.set(info().auditHead);
      },
    });
    new Gauge({
      name: 'aios_event_subscribers',
      help: 'Clients following the live event stream',
      registers,
      collect() {
        this.set(bus.subscribers);
      },
    });
    this.#requests = new Counter({
      name: 'aios_api_requests_total',
      help: 'HTTP API requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'aios_api_request_seconds',
      help: 'HTTP API request handling time',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
  }

  /** An API request finished. `route` is the route's pattern, never the raw path. */
  request(method: string, route: string, status: number, seconds: number): void {
    this.#requests.inc({ method, route, status: String(status) });
    this.#latency.observe({ method, route }, seconds);
  }

  /** The exposition text for GET /metrics. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Counts syscalls, scheduler waits and LLM grants from the bus's audit and sched events. */
  follow(events: BusEvent[]): void {
    for (const { topic, data } of events) {
      if (topic === 'audit') {
        if (data.kind === 'syscall') {
          this.#syscalls.inc({ name: String(data.what), result: data.ok ? 'ok' : String(data.code) });
        } else if (data.kind === 'syscalls') {
          const [name, blocked] = String(data.what).split(':');
          const count = Number((data.detail as { count?: number } | undefined)?.count ?? 1);
          this.#syscalls.inc({ name, result: blocked ? 'E_WOULD_BLOCK' : 'ok' }, count);
        }
      } else if (data.type === 'start' && typeof data.waitMs === 'number') {
        this.#wait.observe({ resource: String(data.resource) }, data.waitMs / 1000);
      } else if (data.type === 'complete' && data.resource === 'llm') {
        const used = typeof data.used === 'number' ? data.used : Number(data.cost);
        this.#llmScheduled.inc(used);
      }
    }
  }
}
