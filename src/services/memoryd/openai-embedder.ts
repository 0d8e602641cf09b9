/**
 * An OpenAI-compatible `/v1/embeddings` provider (OpenAI, Ollama, vLLM, llama.cpp's server):
 * POST { model, input: [...], encoding_format: 'float' }, answer { data: [{ index, embedding }] }.
 *
 * @example
 * const embedder = new OpenAIEmbedder({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text', dimension: 768 });
 */
import type { Embedder } from './embedder.ts';
import { normalise } from './embedder.ts';
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';

export interface OpenAIEmbedderOptions {
  /** Up to and including /v1, e.g. 'https://api.openai.com/v1'. */
  baseUrl: string;
  model: string;
  /** The model's output dimension; a response of another size is an error, never stored. */
  dimension: number;
  apiKey?: string;
  timeoutMs?: number;
  batch?: number;
}

interface EmbeddingsResponse {
  data?: { index?: number; embedding?: unknown }[];
}

export class OpenAIEmbedder implements Embedder {
  readonly model: string;
  readonly dimension: number;
  readonly #url: string;
  readonly #options: OpenAIEmbedderOptions;

  constructor(options: OpenAIEmbedderOptions) {
    this.#options = options;
    this.model = options.model;
    this.dimension = options.dimension;
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const batch = this.#options.batch ?? MEMORY_LIMITS.HTTP_BATCH;
    for (let i = 0; i < texts.length; i += batch)
      out.push(...(await this.#request(texts.slice(i, i + batch))));
    return out;
  }

  async #request(input: string[]): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    let res: Response;
    try {
      res = await fetch(this.#url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.model, input, encoding_format: 'float' }),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? MEMORY_LIMITS.HTTP_TIMEOUT_MS),
      });
    } catch (err) {
      throw this.#fail(`cannot reach it (${(err as Error).message})`);
    }
    const body = await res.text();
    if (!res.ok)
      throw this.#fail(`it answered HTTP ${res.status}: ${body.slice(0, 200).replace(/\s+/g, ' ')}`);
    let parsed: EmbeddingsResponse;
    try {
      parsed = JSON.parse(body) as EmbeddingsResponse;
    } catch {
      throw this.#fail('its answer is not JSON');
    }
    const data = parsed.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw this.#fail(
        `it returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${input.length} inputs`,
      );
    }
    const out = new Array<Float32Array>(input.length);
    data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      const e = item.embedding;
      if (!Array.isArray(e) || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw this.#fail(`embedding ${index} is not an array of numbers`);
      }
      if (e.length !== this.dimension) {
        throw new MemoryError(
          'E_DIMENSION',
          `Embeddings provider '${this.#url}' returned ${e.length} dimensions for model '${this.model}', but ${this.dimension} are configured; set the model's real dimension`,
        );
      }
      out[index] = normalise(Float32Array.from(e as number[]));
    });
    return out;
  }

  #fail(why: string): MemoryError {
    return new MemoryError(
      'E_EMBEDDER',
      `Embeddings provider '${this.#url}' failed: ${why}; check its address, model and key`,
    );
  }
}
