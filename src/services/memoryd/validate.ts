/**
 * Checks what callers hand memoryd before anything is written: one clear line per mistake.
 *
 * @example
 * const input = checkMemoryInput({ text: 'Dana handles the annual audit' });
 */
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';

export const MEMORY_KINDS = ['core', 'archival', 'recall'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export interface MemoryInput {
  text: string;
  /** Letta's tiers: small always-at-hand blocks, searchable archive, the recorded conversation. */
  kind?: MemoryKind;
  metadata?: Record<string, unknown>;
  /** 0 (trivia) to 1 (never forget); 0.5 when not given. */
  importance?: number;
}

export interface CheckedInput {
  text: string;
  kind: MemoryKind;
  metadata: string;
  importance: number;
}

const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export function checkNamespace(name: unknown): string {
  if (typeof name !== 'string' || !NAMESPACE.test(name) || name.length > MEMORY_LIMITS.NAMESPACE_MAX_CHARS) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Invalid namespace '${String(name).slice(0, 40)}'; use letters, digits and . _ : / - (at most ${MEMORY_LIMITS.NAMESPACE_MAX_CHARS} characters)`,
    );
  }
  return name;
}

export function checkText(
  text: unknown,
  what = 'Memory text',
  max: number = MEMORY_LIMITS.TEXT_MAX_BYTES,
): string {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `${what} must be a non-empty string; pass the text to store or search`,
    );
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > max) {
    throw new MemoryError(
      'E_TOO_BIG',
      `${what} is ${bytes} bytes, over the ${max}-byte limit; split it into smaller memories`,
    );
  }
  return text;
}

export function checkMemoryInput(input: MemoryInput): CheckedInput {
  if (input === null || typeof input !== 'object') {
    throw new MemoryError('E_BAD_ARGUMENT', 'A memory must be an object like { text: "..." }');
  }
  const text = checkText(input.text);
  const kind = input.kind ?? 'archival';
  if (!MEMORY_KINDS.includes(kind)) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Unknown memory kind '${String(kind)}'; use core, archival or recall`,
    );
  }
  const importance = input.importance ?? 0.5;
  if (typeof importance !== 'number' || !(importance >= 0 && importance <= 1)) {
    throw new MemoryError('E_BAD_ARGUMENT', `Importance '${String(importance)}' is not a number from 0 to 1`);
  }
  const meta = input.metadata ?? {};
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new MemoryError('E_BAD_ARGUMENT', 'Metadata must be a JSON object like { "source": "chat" }');
  }
  const metadata = JSON.stringify(meta);
  if (Buffer.byteLength(metadata) > MEMORY_LIMITS.METADATA_MAX_BYTES) {
    throw new MemoryError(
      'E_TOO_BIG',
      `Metadata is ${Buffer.byteLength(metadata)} bytes as JSON, over the ${MEMORY_LIMITS.METADATA_MAX_BYTES}-byte limit; keep large content in the text`,
    );
  }
  return { text, kind, metadata, importance };
}

export function checkVector(
  vector: unknown,
  dimension: number,
  namespace: string,
  model: string,
): Float32Array {
  if (!(vector instanceof Float32Array)) {
    throw new MemoryError('E_BAD_ARGUMENT', 'A vector must be a Float32Array');
  }
  if (vector.length !== dimension) {
    throw new MemoryError(
      'E_DIMENSION',
      `Vector has ${vector.length} dimensions but namespace '${namespace}' holds ${dimension}-dimensional vectors of model '${model}'; embed with that model or use another namespace`,
    );
  }
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i])) {
      throw new MemoryError(
        'E_BAD_ARGUMENT',
        `Vector component ${i} is ${vector[i]}; every component must be finite`,
      );
    }
  }
  return vector;
}

/** A search's query, limit and mode, checked; the defaults are 10 and hybrid. */
export function checkSearch(
  query: unknown,
  options: { limit?: number; mode?: string },
): { limit: number; mode: 'hybrid' | 'lexical' | 'vector' } {
  checkText(query, 'Search query', MEMORY_LIMITS.QUERY_MAX_BYTES);
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MEMORY_LIMITS.SEARCH_LIMIT_MAX) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Limit '${limit}' is not an integer from 1 to ${MEMORY_LIMITS.SEARCH_LIMIT_MAX}`,
    );
  }
  const mode = options.mode ?? 'hybrid';
  if (mode !== 'hybrid' && mode !== 'lexical' && mode !== 'vector') {
    throw new MemoryError('E_BAD_ARGUMENT', `Unknown search mode '${mode}'; use hybrid, lexical or vector`);
  }
  return { limit, mode };
}

export function checkVersion(version: unknown): number {
  if (!Number.isInteger(version) || (version as number) < 1)
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Version '${version}' is not a positive integer; see the memory's history`,
    );
  return version as number;
}

/** A graph walk's depth: 1 to GRAPH_DEPTH_MAX links. */
export function checkDepth(depth: unknown): number {
  if (
    !Number.isInteger(depth) ||
    (depth as number) < 1 ||
    (depth as number) > MEMORY_LIMITS.GRAPH_DEPTH_MAX
  ) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Depth '${depth}' is not an integer from 1 to ${MEMORY_LIMITS.GRAPH_DEPTH_MAX}`,
    );
  }
  return depth as number;
}
