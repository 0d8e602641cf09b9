/**
 * The live event bus: lifecycle, scheduler, IPC, audit and resource events, gathered from the
 * kernel's event stream without touching the kernel's decisions, numbered, kept in a short history
 * for reconnecting clients (Last-Event-ID) and handed to subscribers in batches, one batch
 * per turn of the event loop.
 *
 * @example
 * const bus = new EventBus(system);
 * const stop = bus.subscribe(new Set(['lifecycle']), (events) => send(events));
 * stop(); bus.close();
 */
import { cpus } from 'node:os';
import type { System } from '../boot.ts';
import { type Agent, INIT_PID, type SystemInfo } from '../kernel/index.ts';

export const TOPICS = ['lifecycle', 'sched', 'ipc', 'audit', 'stats'] as const;
export type Topic = (typeof TOPICS)[number];

export interface BusEvent {
  /** Increasing from 1 for the life of the bus. */
  id: number;
  topic: Topic;
  /** Wall-clock ms when the event was published (what the lag of a client is measured from). */
  t: number;
  data: Record<string, unknown>;
}

export type Listener = (events: BusEvent[]) => void;

export interface Stats {
  cpu: { process: number; host: number };
  memory: { rssBytes: number; heapUsedBytes: number };
  agents: Record<string, number>;
  ipc: { messages: number; bytes: number; messagesPerSec: number; bytesPerSec: number };
  resources: { name: string; slots: number; running: number; waiting: number }[];
  auditHead: number;
}

export interface BusOptions {
  /** How often a stats (and IPC rate) event is published; 0 turns it off. */
  statsMs?: number;
  /** Events kept for clients that reconnect with Last-Event-ID. */
  history?: number;
}

interface Subscriber {
  topics: ReadonlySet<Topic>;
  listener: Listener;
  /** The first event id it gets live (earlier ones came, if at all, from the history). */
  from: number;
}

export class EventBus {
  readonly #system: System;
  readonly #subscribers = new Set<Subscriber>();
  readonly #history: BusEvent[] = [];
  readonly #historyMax: number;
  #pending: BusEvent[] = [];
  #scheduled = false;
  #nextId = 1;
  #timer: NodeJS.Timeout | undefined;
  /** What the next sample is measured against; none until the first sample is wanted. */
  #last: { at: number; cpu: NodeJS.CpuUsage; host: HostTimes; messages: number; bytes: number } | undefined;
  #latest: Stats | undefined;
  #closed = false;

  constructor(system: System, options: BusOptions = {}) {
    this.#system = system;
    this.#historyMax = options.history ?? 2048;
    const events = system.kernel.events;
    events.on('lifecycle', (type, agent) => {
      if (!this.#closed) this.publish('lifecycle', lifecycleData(type, agent));
    });
    events.on('sched', (event) => {
      if (!this.#closed) this.publish('sched', { ...event });
    });
    events.on('audit', (lines) => {
      if (!this.#closed) for (const line of lines) this.publish('audit', auditData(line));
    });
    events.on('signal', (endpoint, signal) => {
      if (signal === 'peer_closed' && !this.#closed) {
        this.publish('ipc', { type: 'peer_closed', channel: endpoint.koid, reader: endpoint.reader });
      }
    });
    const statsMs = options.statsMs ?? 1000;
    if (statsMs > 0) {
      // The first tick only starts the measuring, unless a reader or a subscriber already has.
      this.#timer = setInterval(() => (this.#last ? this.#stats() : this.#begin()), statsMs);
      this.#timer.unref();
    }
  }

  /**
   * The last sample (taken every statsMs). The first is taken when it is first wanted, not when
   * the bus is built: `aios up` builds it before its ready line, and sampling (os.cpus(), a
   * system_info syscall) can wait for the dashboard.
   */
  get latest(): Stats {
    this.#begin();
    return this.#latest!;
  }

  /** Takes the first sample and the baseline later ones are measured from, once. */
  #begin(): void {
    if (this.#last) return;
    const info = this.#info();
    this.#last = {
      at: performance.now(),
      cpu: process.cpuUsage(),
      host: hostTimes(),
      messages: info.messages,
      bytes: info.bytes,
    };
    this.#stats(false);
  }

  /** Publishes one event; subscribers get it in the next batch. */
  publish(topic: Topic, data: Record<string, unknown>): BusEvent {
    const event: BusEvent = { id: this.#nextId++, topic, t: Date.now(), data };
    this.#history.push(event);
    if (this.#history.length > this.#historyMax) this.#history.splice(0, this.#history.length >> 1);
    this.#pending.push(event);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#deliver());
    }
    return event;
  }

  /**
   * Calls `listener` with batches of events of `topics`. With `after`, first replays the kept
   * events after that id (a reconnecting client's Last-Event-ID). Returns the unsubscribe.
   */
  subscribe(topics: ReadonlySet<Topic>, listener: Listener, after?: number): () => void {
    // a stats subscriber's first event then measures a whole period; the metrics' subscription
    // (made before `aios up`'s ready line, for audit and sched only) leaves sampling for later
    if (topics.has('stats')) this.#begin();
    const subscriber: Subscriber = { topics, listener, from: this.#nextId };
    if (after !== undefined) {
      const missed = this.#history.filter((e) => e.id > after && topics.has(e.topic));
      if (missed.length > 0) listener(missed);
    }
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /** The id the next event will get. */
  get nextId(): number {
    return this.#nextId;
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#subscribers.clear();
  }

  #deliver(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    for (const s of this.#subscribers) {
      const all = s.topics.size === TOPICS.length && batch[0].id >= s.from;
      const mine = all ? batch : batch.filter((e) => e.id >= s.from && s.topics.has(e.topic));
      if (mine.length === 0) continue;
      try {
        s.listener(mine);
      } catch (error) {
        this.#system.log.warn('event subscriber failed', { error: String(error) });
        this.#subscribers.delete(s);
      }
    }
  }

  /** The system as its owner sees it (a syscall of init's). */
  #info(): SystemInfo {
    const system = this.#system;
    return system.kernel.syscall(INIT_PID, 'system_info', {
      handle: system.systemHandle,
      detail: true,
    }) as SystemInfo;
  }

  /** Samples CPU, memory, agents, IPC rates and resources, and publishes them. */
  #stats(publish = true): void {
    const last = this.#last!;
    const k = this.#info();
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - last.at) / 1000);
    const cpu = process.cpuUsage(last.cpu);
    const host = hostTimes();
    const hostBusy = host.busy - last.host.busy;
    const hostTotal = host.total - last.host.total;
    const memory = process.memoryUsage();
    const agents: Record<string, number> = { ...k.byState };
    const messages = k.messages - last.messages;
    const bytes = k.bytes - last.bytes;
    const stats: Stats = {
      cpu: {
        process: round((100 * (cpu.user + cpu.system)) / 1000 / (seconds * 1000)),
        host: hostTotal > 0 ? round((100 * hostBusy) / hostTotal) : 0,
      },
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      agents,
      ipc: {
        messages: k.messages,
        bytes: k.bytes,
        messagesPerSec: round(messages / seconds),
        bytesPerSec: round(bytes / seconds),
      },
      resources: k.resources.map(({ name, slots, running, waiting }) => ({
        name,
        slots,
        running,
        waiting,
      })),
      auditHead: k.auditHead,
    };
    this.#last = { at: now, cpu: process.cpuUsage(), host, messages: k.messages, bytes: k.bytes };
    this.#latest = stats;
    if (!publish) return;
    this.publish('stats', stats as unknown as Record<string, unknown>);
    this.publish('ipc', { type: 'rate', ...stats.ipc });
  }
}

function lifecycleData(type: string, agent: Agent): Record<string, unknown> {
  return {
    type,
    pid: agent.pid,
    parent: agent.parent,
    name: agent.name,
    state: agent.state,
    runtime: agent.runtime,
    exit: agent.exit ?? null,
  };
}

/** The audit line as an event, without a seal's signature (large and of no use live). */
function auditData(line: string): Record<string, unknown> {
  const entry = JSON.parse(line) as Record<string, unknown> & { detail?: Record<string, unknown> };
  if ((entry.kind === 'seal' || entry.kind === 'checkpoint') && entry.detail) {
    const { sig: _sig, ...detail } = entry.detail;
    entry.detail = detail;
  }
  return entry;
}

interface HostTimes {
  busy: number;
  total: number;
}

function hostTimes(): HostTimes {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
