/**
 * memoryd's engine, public surface: what the memoryd service, benchmarks and tests import.
 *
 * @example
 * import { MemoryEngine, OpenAIEmbedder } from './services/memoryd/index.ts';
 */
export type { CheckReport } from './check.ts';
export { type Embedder, normalise, SentenceEncoder } from './embedder.ts';
export { MemoryEngine, type MemoryEngineOptions, type SearchHit, type SearchOptions } from './engine.ts';
export { MEMORY_ERROR_CODES, MemoryError, type MemoryErrorCode } from './errors.ts';
export { MEMORY_LIMITS } from './limits.ts';
export { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.ts';
export type { Memory, Namespace } from './store.ts';
export { MEMORY_KINDS, type MemoryInput, type MemoryKind } from './validate.ts';
