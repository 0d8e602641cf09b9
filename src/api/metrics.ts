/**
 * Prometheus metrics: agents by state, syscalls by name and result, IPC messages and bytes,
 * scheduler queue depth and wait time, LLM tokens and cost, audit length, API requests, and
 * Node's process metrics (the registry itself is in prometheus.ts).
 *
 * prom-client and its dependencies are about a fifth of the modules `aios up` would load, so
 * they load after ready (`load()`, which `aios up` calls once its ready line is out, and which
 * the app awaits before its first scrape). Until then this follows the event bus and counts API
 * requests into a buffer, so no syscall or request goes uncounted.
 *
 * @example
 * const metrics = new Metrics(system, bus);
 * const text = await metrics.text(); // GET /metrics
 */
import type { System } from '../boot.ts';
import type { BusEvent, EventBus } from './events.ts';
import type { PromMetrics } from './prometheus.ts';

type Request = [method: string, route: string, status: number, seconds: number];

export class Metrics {
  readonly #system: System;
  readonly #bus: EventBus;
  #registry: PromMetrics | undefined;
  #loading: Promise<PromMetrics> | undefined;
  /** What came before the registry loaded; undefined once it has. */
  #pending: { events: BusEvent[]; requests: Request[] } | undefined = { events: [], requests: [] };
  readonly #unsubscribe: () => void;

  constructor(system: System, bus: EventBus) {
    this.#system = system;
    this.#bus = bus;
    this.#unsubscribe = bus.subscribe(new Set(['audit', 'sched']), (events) => {
      if (this.#registry) this.#registry.follow(events);
      else this.#pending?.events.push(...events);
    });
  }

  /** Loads prom-client and builds the registry, once; what came before is counted in it. */
  load(): Promise<PromMetrics> {
    this.#loading ??= import('./prometheus.ts').then(({ PromMetrics }) => {
      const registry = new PromMetrics(this.#system, this.#bus);
      const pending = this.#pending;
      this.#pending = undefined;
      this.#registry = registry;
      if (pending) {
        registry.follow(pending.events);
        for (const r of pending.requests) registry.request(...r);
      }
      return registry;
    });
    return this.#loading;
  }

  /** An API request finished. `route` is the route's pattern, never the raw path. */
  request(method: string, route: string, status: number, seconds: number): void {
    if (this.#registry) this.#registry.request(method, route, status, seconds);
    else this.#pending?.requests.push([method, route, status, seconds]);
  }

  /** The exposition text for GET /metrics. */
  async text(): Promise<string> {
    return (await this.load()).text();
  }

  /** The exposition's content type (known once text() has answered). */
  get contentType(): string {
    if (!this.#registry) throw new Error('Metrics.contentType is known once text() has answered');
    return this.#registry.contentType;
  }

  close(): void {
    this.#unsubscribe();
  }
}
