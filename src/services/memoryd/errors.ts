/**
 * memoryd's errors: one closed set of codes, each message one line that says what was wrong
 * and what to do.
 *
 * @example
 * throw new MemoryError('E_DIMENSION', "Vector has 384 dimensions but namespace 'notes' uses 512; ...");
 */
import type { Namespace } from './store.ts';

export const MEMORY_ERROR_CODES = [
  'E_BAD_ARGUMENT',
  'E_TOO_BIG',
  'E_NOT_FOUND',
  'E_DIMENSION',
  'E_MODEL',
  'E_EMBEDDER',
] as const;

export type MemoryErrorCode = (typeof MEMORY_ERROR_CODES)[number];

export class MemoryError extends Error {
  readonly code: MemoryErrorCode;
  constructor(code: MemoryErrorCode, message: string) {
    super(message);
    this.name = 'MemoryError';
    this.code = code;
  }
}

/** A vector of `model` (`dimension` floats) offered to a namespace that holds another model's. */
export function modelMismatch(ns: Namespace, model: string, dimension: number): MemoryError {
  return new MemoryError(
    ns.dimension !== dimension ? 'E_DIMENSION' : 'E_MODEL',
    `Namespace '${ns.name}' holds ${ns.dimension}-dimensional vectors of model '${ns.model}', not ${dimension}-dimensional '${model}'; re-embed it (memory reembed) or use another namespace`,
  );
}
