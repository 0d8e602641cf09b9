/**
 * Benchmark helpers: repeated runs, medians and percentiles, and a section of
 * docs/BENCHMARKS.md per benchmark file. Every benchmark measures its baseline or peer in the
 * same run and reports the ratio.
 *
 * @example
 * // bench/ipc.bench.ts
 * export default async function (): Promise<Section> { ... return { title, body }; }
 */
import { cpus } from 'node:os';

export interface Section {
  title: string;
  /** Markdown: a table of figures, targets and verdicts, and a sentence on method. */
  body: string;
  /** Targets the run met (true), missed (false). */
  verdicts?: Record<string, boolean>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Runs fn `runs` times (after one warm-up) and returns each run's result. */
export async function repeat<T>(runs: number, fn: () => T | Promise<T>): Promise<T[]> {
  await fn();
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn());
  return out;
}

/** Nanoseconds per operation of `op` run `n` times in a tight loop. */
export function nsPerOp(n: number, op: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) op(i);
  return Number(process.hrtime.bigint() - t0) / n;
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (Math.abs(n) >= 1e4) return `${Math.round(n).toLocaleString('en-US')}`;
  return n.toFixed(digits);
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, Node ${process.version}, ${process.platform}`;
}

export function mdTable(headers: string[], rows: (string | number)[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
