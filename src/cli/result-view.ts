/**
 * Any service's result for a person at a terminal, with no knowledge of the service: lists of
 * records as tables, a record as `key: value` lines, a record's lists of records as titled
 * tables under it. Tables keep to the terminal's width: digests (long hex) and nested objects
 * stay out of them, times show as ages, and the longest text column goes last, cut to fit.
 * `--json` prints the result itself instead.
 *
 * @example
 * viewResult({ hits: [{ id: 1, kind: 'archival', text: 'Dana handles the annual audit', score: 0.03 }] });
 * // ['ID  KIND      SCORE   TEXT', ' 1  archival  0.0300  Dana handles the annual audit']
 */
import { duration, table } from './format.ts';

type Rec = Record<string, unknown>;

export interface ViewOptions {
  /** Columns a table may take (default: the terminal's, else 100). */
  width?: number;
  now?: number;
}

/** Narrowest a cut text column gets before whole columns would have to go. */
const TEXT_MIN = 24;
const DIGEST = /^[0-9a-f]{32,}$/i;

export function viewResult(result: unknown, options: ViewOptions = {}): string[] {
  const width = options.width ?? process.stdout.columns ?? 100;
  const now = options.now ?? Date.now();
  if (isRecordList(result)) return tableOf(result, width, now);
  if (!isRecord(result)) return [scalar(result, '', now, true)];
  const lines: string[] = [];
  const lists: [string, Rec[]][] = [];
  const entries = Object.entries(result).filter(([, value]) => value !== undefined);
  // a record that is one list (search hits, versions) is shown as that list, even empty
  if (entries.length === 1 && isRecordList(entries[0][1])) return tableOf(entries[0][1], width, now);
  for (const [key, value] of entries) {
    if (isRecordList(value) && value.length > 0) lists.push([key, value]);
    else lines.push(`${key}: ${scalar(value, key, now, true)}`);
  }
  for (const [key, list] of lists) {
    if (lines.length > 0) lines.push('');
    lines.push(`${key}:`, ...tableOf(list, width, now));
  }
  return lines;
}

function tableOf(rows: Rec[], width: number, now: number): string[] {
  if (rows.length === 0) return ['(none)'];
  let columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((key) =>
    rows.some((r) => shown(r[key])),
  );
  // of several times, the last (the latest change) is the one a table has room for
  const times = columns.filter((key) => rows.every((r) => r[key] === undefined || isTime(key, r[key])));
  columns = columns.filter((key) => !times.includes(key) || key === times.at(-1));
  const cells = (key: string) =>
    rows.map((r) => (r[key] === undefined ? '' : scalar(r[key], key, now, false)));
  const longest = (key: string) => Math.max(header(key).length, ...cells(key).map((c) => c.length));
  const texts = columns.filter((key) =>
    rows.every((r) => r[key] === undefined || typeof r[key] === 'string'),
  );
  const text = texts.sort((a, b) => longest(b) - longest(a))[0];
  if (text !== undefined && longest(text) > TEXT_MIN) columns = [...columns.filter((k) => k !== text), text];
  const fixed = columns.slice(0, text === columns.at(-1) ? -1 : undefined);
  const textRoom = text === columns.at(-1) ? TEXT_MIN : 0;
  let used = fixed.reduce((sum, key) => sum + longest(key) + 2, 0);
  // too wide: the rightmost columns go first (the first ones say which record a row is)
  while (fixed.length > 1 && used + textRoom > width) used -= longest(fixed.pop() as string) + 2;
  columns = text === columns.at(-1) ? [...fixed, text] : fixed;
  const room = Math.max(TEXT_MIN, width - used);
  const numeric = (key: string) => rows.every((r) => typeof r[key] === 'number' && !isTime(key, r[key]));
  const body = rows.map((r) =>
    columns.map((key) => {
      const value = r[key];
      if (numeric(key)) return Number(number(value as number));
      const cell = value === undefined ? '' : scalar(value, key, now, false);
      return key === text && cell.length > room ? `${cell.slice(0, room - 1)}…` : cell;
    }),
  );
  return table(columns.map(header), body);
}

/** A column's heading: its key in capitals, words apart (updatedAt: UPDATED_AT). */
function header(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Whether a value earns a table column: scalars that are not digests. */
function shown(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object' || v === null);
  if (typeof value === 'object') return false;
  return !(typeof value === 'string' && DIGEST.test(value));
}

function scalar(value: unknown, key: string, now: number, full: boolean): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value) && value.length === 0) return '-';
  if (typeof value === 'number') {
    if (isTime(key, value))
      return full ? new Date(value).toISOString() : `${duration(Math.max(0, now - value))} ago`;
    return number(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.join(', ');
  return JSON.stringify(value);
}

function number(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(3)));
}

/** A time: a field named like createdAt / updatedAt holding ms since the epoch. */
function isTime(key: string, value: unknown): boolean {
  return /At$/.test(key) && typeof value === 'number' && value > 1e11;
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRecordList(value: unknown): value is Rec[] {
  return Array.isArray(value) && value.every(isRecord);
}
