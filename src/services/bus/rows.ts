/**
 * What the context bus hands out and keeps: its callers' identity, the shapes of its answers,
 * and the rows of bus.db as node:sqlite returns them, with the mappers from one to the other.
 *
 * @example
 * const entries = (stmt.all(ctx.id) as Row[]).map(toEntry);
 */
import { ACCESS_LEVELS, type Access, type ShareLevel } from '../declare.ts';

/** Who is calling: its vouched name, and whether it is the system's owner. */
export interface Principal {
  name: string;
  owner: boolean;
}

/** Weakest first: a context's owner holds admin, which includes write, which includes read. */
export const ACCESS_ORDER = ACCESS_LEVELS;
export type BusAccess = Access;
export type Granted = ShareLevel;

export interface ContextInfo {
  name: string;
  owner: string;
  /** What the caller may do here: admin is the context's owner (or the system's). */
  access: BusAccess;
  backlog: number;
  keys: number;
  /** Events held now (at most backlog). */
  events: number;
  /** The last event's sequence number: `read({ after: seq })` waits for the next one. */
  seq: number;
  createdAt: number;
}

export interface Entry {
  key: string;
  value: unknown;
  version: number;
  updatedBy: string;
  updatedAt: number;
}

export interface BusEvent {
  seq: number;
  type: string;
  data: unknown;
  from: string;
  at: number;
}

export interface ReadResult {
  events: BusEvent[];
  /** Pass as `after` next time. */
  next: number;
  /** Events after the cursor that the backlog dropped before this reader got to them. */
  missed: number;
}

export interface ContextRow {
  id: number;
  name: string;
  owner: string;
  backlog: number;
  created_at: number;
  last_seq: number;
  held_bytes: number;
}

export type Row = Record<string, string | number | null>;

export function toEntry(r: Row): Entry {
  return {
    key: String(r.key),
    value: JSON.parse(String(r.value)),
    version: Number(r.version),
    updatedBy: String(r.updated_by),
    updatedAt: Number(r.updated_at),
  };
}

export function toEvent(r: Row): BusEvent {
  return {
    seq: Number(r.seq),
    type: String(r.type),
    data: JSON.parse(String(r.data)),
    from: String(r.from_agent),
    at: Number(r.at),
  };
}
