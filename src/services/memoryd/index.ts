/**
 * memoryd's engine, public surface: what the memoryd service, benchmarks and tests import.
 *
 * @example
 * import { MemoryEngine, OnnxEmbedder, OpenAIEmbedder } from './services/memoryd/index.ts';
 */
export type { CheckReport } from './check.ts';
export type { Change, MemoryDiff } from './diff.ts';
export { type Embedder, normalise, SentenceEncoder } from './embedder.ts';
export {
  type GraphOptions,
  MemoryEngine,
  type MemoryEngineOptions,
  type MemoryExport,
  type SearchHit,
  type SearchOptions,
} from './engine.ts';
export { MEMORY_ERROR_CODES, MemoryError, type MemoryErrorCode } from './errors.ts';
export { MEMORY_LIMITS } from './limits.ts';
export type { Link } from './links.ts';
export { OnnxEmbedder, type OnnxEmbedderOptions } from './onnx-embedder.ts';
export { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.ts';
export { ConfiguredEmbedder, configuredEmbedder, type EmbedderStatus } from './providers.ts';
export type { Memory, Namespace, Usage } from './store.ts';
export { MEMORY_KINDS, type MemoryInput, type MemoryKind } from './validate.ts';
