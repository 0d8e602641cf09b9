/**
 * Where a contender lost the provider's capacity, read from the provider's own timeline (each
 * admitted request's slot interval, each refusal and its reason): slot time left idle while
 * the load ramped up, in the middle of the run and in its tail, the gaps between one request
 * leaving a slot and the next taking it, and the 429s. BENCH_LLM_DEBUG=1 prints it.
 */
import type { Arrival } from '../test/helpers/rate-limited-provider.ts';

export interface Timeline {
  spanMs: number;
  idleSlotMs: { ramp: number; middle: number; tail: number };
  rampMs: number;
  tailMs: number;
  /** Middle of the run: how long a freed slot stood empty, as percentiles, and how often. */
  gaps: { count: number; p50: number; p90: number; p99: number; sum: number };
  refused: Record<string, number>;
  busyByLabel: Record<string, number>;
}

export function timeline(arrivals: Arrival[], slots: number): Timeline {
  const admitted = arrivals.filter((a) => a.refused === undefined && a.end !== undefined);
  const start = Math.min(...arrivals.map((a) => a.at));
  const events: { t: number; d: number }[] = [];
  for (const a of admitted) events.push({ t: a.at, d: +1 }, { t: a.end!, d: -1 });
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  const end = events.at(-1)!.t;
  let firstFull = end;
  let lastFull = start;
  let n = 0;
  for (const e of events) {
    n += e.d;
    if (n >= slots && firstFull === end) firstFull = e.t;
    if (n >= slots) lastFull = e.t;
  }
  // Idle slot time by phase, and the middle's gaps: a slot freed at t and taken again at t'.
  const idle = { ramp: 0, middle: 0, tail: 0 };
  const gaps: number[] = [];
  const freed: number[] = [];
  n = 0;
  let t = start;
  for (const e of events) {
    const empty = Math.max(0, slots - n) * (e.t - t);
    if (e.t <= firstFull) idle.ramp += empty;
    else if (e.t <= lastFull) idle.middle += empty;
    else idle.tail += empty;
    t = e.t;
    n += e.d;
    if (e.t > firstFull && e.t <= lastFull) {
      if (e.d < 0) freed.push(e.t);
      else if (freed.length > 0) gaps.push(e.t - freed.shift()!);
    }
  }
  gaps.sort((a, b) => a - b);
  const at = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? 0;
  const refused: Record<string, number> = {};
  for (const a of arrivals)
    if (a.refused) refused[`${a.refused} ${a.label}`] = (refused[`${a.refused} ${a.label}`] ?? 0) + 1;
  const busyByLabel: Record<string, number> = {};
  for (const a of admitted) busyByLabel[a.label ?? '?'] = (busyByLabel[a.label ?? '?'] ?? 0) + a.end! - a.at;
  return {
    spanMs: end - start,
    idleSlotMs: { ramp: Math.round(idle.ramp), middle: Math.round(idle.middle), tail: Math.round(idle.tail) },
    rampMs: Math.round(firstFull - start),
    tailMs: Math.round(end - lastFull),
    gaps: {
      count: gaps.length,
      p50: round(at(50)),
      p90: round(at(90)),
      p99: round(at(99)),
      sum: Math.round(gaps.reduce((a, b) => a + b, 0)),
    },
    refused,
    busyByLabel: Object.fromEntries(Object.entries(busyByLabel).map(([k, v]) => [k, Math.round(v)])),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
