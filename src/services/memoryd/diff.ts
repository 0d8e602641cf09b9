/**
 * What changed between two versions of a memory: one entry per content field that differs
 * (text, kind, importance) and one per metadata key (`metadata.source`), so a caller sees which
 * key changed rather than two whole objects.
 *
 * @example
 * diffMemories(v1, v3);   // [{ field: 'text', before: 'Standup is at 9:00', after: 'Standup moved to 9:30' }]
 */
import { isDeepStrictEqual } from 'node:util';
import type { Memory } from './store.ts';

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface MemoryDiff {
  from: Memory;
  to: Memory;
  changes: Change[];
}

const FIELDS = ['text', 'kind', 'importance'] as const;

export function diffMemories(from: Memory, to: Memory): Change[] {
  const changes: Change[] = [];
  for (const field of FIELDS) {
    if (from[field] !== to[field]) changes.push({ field, before: from[field], after: to[field] });
  }
  const keys = new Set([...Object.keys(from.metadata), ...Object.keys(to.metadata)]);
  for (const key of [...keys].sort()) {
    const before = from.metadata[key];
    const after = to.metadata[key];
    if (!isDeepStrictEqual(before, after)) changes.push({ field: `metadata.${key}`, before, after });
  }
  return changes;
}
