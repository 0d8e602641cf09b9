/**
 * Data on the edges: a node's arguments may hold `{ "$from": "fetch.output.body" }` (an earlier
 * node's output, or a field of it) and, inside a `foreach`, `{ "$item": "name" }` (the current
 * item, or a field of it), and `{ "$paths": "find.output" }` (the paths an output names: its
 * `paths`, its entries' or matches' paths, what it deleted, or its `path`; how "delete them" reads
 * what an earlier step found or made). Conditions (`when`, an edge's `when`, `repeat.until`) read values the
 * same way. Everything here is pure: the runner hands in the outputs committed so far.
 *
 * @example
 * refsIn({ body: { $from: 'fetch.output.body' } });            // ['fetch.output.body']
 * resolve({ n: { $from: 'a.output.count' } }, 'b', { a: { count: 3 } }); // { n: 3 }
 * holds({ from: 'a.output.count', gt: 2 }, 'b', { a: { count: 3 } });  // true
 */

import { PlanError } from './errors.ts';
import type { Condition } from './format.ts';

/** A parsed reference: the node it reads and the path inside that node's output. */
export interface Ref {
  node: string;
  path: string[];
}

/** Reads 'fetch.output.body.0' as { node: 'fetch', path: ['body', '0'] }; undefined when malformed. */
export function parseRef(text: string): Ref | undefined {
  const [node, output, ...path] = text.split('.');
  if (!node || output !== 'output' || path.some((p) => p === '')) return undefined;
  return { node, path };
}

function isFrom(value: unknown): value is { $from: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $from?: unknown }).$from === 'string' &&
    Object.keys(value).length === 1
  );
}

function isPaths(value: unknown): value is { $paths: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $paths?: unknown }).$paths === 'string' &&
    Object.keys(value).length === 1
  );
}

/**
 * The paths an action's output names, for a follow-up that acts on them ("delete them", "zip
 * those"): `paths`, an archive's entries by path, `deleted`, the files of search `matches`, or
 * `path`; [] when it names none.
 */
export function pathsIn(output: unknown): string[] {
  if (typeof output !== 'object' || output === null) return [];
  const o = output as Record<string, unknown>;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  if (Array.isArray(o.paths)) return strings(o.paths);
  // An archive lists its entries by name: what it made is `path`.
  if (Array.isArray(o.entries) && o.entries.some((e) => typeof e?.path === 'string'))
    return o.entries.flatMap((e) => (typeof e?.path === 'string' ? [e.path as string] : []));
  if (Array.isArray(o.deleted)) return strings(o.deleted);
  if (Array.isArray(o.matches))
    return [...new Set(o.matches.flatMap((m) => (typeof m?.path === 'string' ? [m.path as string] : [])))];
  if (typeof o.path === 'string') return [o.path];
  return [];
}

function isItem(value: unknown): value is { $item: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $item?: unknown }).$item === 'string' &&
    Object.keys(value).length === 1
  );
}

/** Every `$from` text inside `value`, in order. */
export function refsIn(value: unknown, out: string[] = []): string[] {
  if (isFrom(value)) out.push(value.$from);
  else if (isPaths(value)) out.push(value.$paths);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) refsIn(v, out);
  return out;
}

/** Whether `value` holds a `$item` reference anywhere. */
export function usesItem(value: unknown): boolean {
  if (isItem(value)) return true;
  if (Array.isArray(value)) return value.some(usesItem);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(usesItem);
  return false;
}

/** Every reference a condition reads. */
export function conditionRefs(c: Condition, out: string[] = []): string[] {
  if ('from' in c) out.push(c.from);
  else if ('not' in c) conditionRefs(c.not, out);
  else for (const inner of 'all' in c ? c.all : c.any) conditionRefs(inner, out);
  return out;
}

/** The value at `path` inside `root`, or the `missing` marker. */
const MISSING = Symbol('missing');
function walk(root: unknown, path: string[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return MISSING;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The value a reference names, given the outputs committed so far; PlanError naming the node when it is not there. */
export function refValue(text: string, node: string, outputs: Record<string, unknown>): unknown {
  const ref = parseRef(text);
  if (!ref)
    throw new PlanError(
      'E_BAD_ARG',
      `Node '${node}' references '${text}'; write 'NODE.output' or 'NODE.output.FIELD'`,
    );
  if (!Object.hasOwn(outputs, ref.node))
    throw new PlanError(
      'E_BAD_ARG',
      `Node '${node}' needs '${text}', but node '${ref.node}' has no output (it was skipped or has not run)`,
    );
  const v = walk(outputs[ref.node], ref.path);
  if (v === MISSING)
    throw new PlanError(
      'E_BAD_ARG',
      `Node '${node}' needs '${text}', but the output of '${ref.node}' has no field '${ref.path.join('.')}'`,
    );
  return v;
}

/** `value` with every `$from` (and `$item`, given the current item) replaced by what it names. */
export function resolve(
  value: unknown,
  node: string,
  outputs: Record<string, unknown>,
  item?: { value: unknown },
): unknown {
  if (isFrom(value)) return refValue(value.$from, node, outputs);
  if (isPaths(value)) return pathsIn(refValue(value.$paths, node, outputs));
  if (isItem(value)) {
    if (!item)
      throw new PlanError(
        'E_BAD_ARG',
        `Node '${node}' uses '$item' but has no foreach; add foreach or use $from`,
      );
    if (value.$item === '') return item.value;
    const v = walk(item.value, value.$item.split('.'));
    if (v === MISSING)
      throw new PlanError('E_BAD_ARG', `Node '${node}': the current item has no field '${value.$item}'`);
    return v;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, node, outputs, item));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolve(v, node, outputs, item);
    return out;
  }
  return value;
}

/** Whether condition `c` holds over the outputs so far (a missing value only satisfies `exists: false`). */
export function holds(c: Condition, node: string, outputs: Record<string, unknown>): boolean {
  if ('not' in c) return !holds(c.not, node, outputs);
  if ('all' in c) return c.all.every((x) => holds(x, node, outputs));
  if ('any' in c) return c.any.some((x) => holds(x, node, outputs));
  const ref = parseRef(c.from);
  const v = ref && Object.hasOwn(outputs, ref.node) ? walk(outputs[ref.node], ref.path) : MISSING;
  if (c.exists !== undefined) return c.exists === (v !== MISSING);
  if (v === MISSING) return false;
  if (c.equals !== undefined) return same(v, c.equals);
  if (c.notEquals !== undefined) return !same(v, c.notEquals);
  if (c.in !== undefined) return c.in.some((x) => same(v, x));
  if (c.gt !== undefined) return typeof v === 'number' && v > c.gt;
  if (c.lt !== undefined) return typeof v === 'number' && v < c.lt;
  return Boolean(v) && !(Array.isArray(v) && v.length === 0);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
