/**
 * A local ONNX sentence model the user gives (a MiniLM or BGE export), run by onnxruntime-node
 * on the CPU in memoryd's own thread. onnxruntime loads only when this provider is configured
 * and first used. Texts are tokenized by the model's WordPiece tokenizer (wordpiece.ts), fed as
 * BERT exports expect (input_ids, attention_mask, token_type_ids, int64 [batch, sequence], the
 * batch padded to its longest text and cut at the model's max length), and the token vectors
 * pooled (mean over the attention mask, or the [CLS] vector) unless the model pools itself
 * (an output `sentence_embedding`).
 *
 * The model's name is its file's name and the start of its sha256, so replacing the file with
 * another model is a model change (its namespaces are re-embedded), never a silent mix.
 *
 * @example
 * const e = new OnnxEmbedder({ model: '/m/model.onnx', tokenizer: '/m/tokenizer.json', pooling: 'mean', normalise: true });
 * await e.load();                       // e.model === 'onnx:model.onnx@3f2a…', e.dimension === 384
 * const [v] = await e.embed(['Dana handles the annual audit']);
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { type Embedder, normalise } from './embedder.ts';
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';
import { WordPiece } from './wordpiece.ts';

export interface OnnxEmbedderOptions {
  /** Path of the model.onnx file. */
  model: string;
  /** Path of its tokenizer.json (WordPiece) or vocab.txt. */
  tokenizer: string;
  pooling: 'mean' | 'cls';
  normalise: boolean;
  /** Tokens per text at most ([CLS] and [SEP] included); the tokenizer's own, else 512. */
  maxLength?: number;
}

interface Loaded {
  session: InferenceSession;
  ort: typeof import('onnxruntime-node');
  tokenizer: WordPiece;
  output: string;
  maxLength: number;
}

export class OnnxEmbedder implements Embedder {
  readonly #options: OnnxEmbedderOptions;
  #model = '';
  #dimension = 0;
  #loading: Promise<Loaded> | undefined;
  #naming: Promise<string> | undefined;

  constructor(options: OnnxEmbedderOptions) {
    this.#options = options;
  }

  /** `onnx:<file>@<sha256 prefix>`, known once loaded. */
  get model(): string {
    if (!this.#model)
      throw new MemoryError('E_EMBEDDER', 'The ONNX model is not loaded yet; call load() first');
    return this.#model;
  }

  get dimension(): number {
    if (!this.#dimension)
      throw new MemoryError('E_EMBEDDER', 'The ONNX model is not loaded yet; call load() first');
    return this.#dimension;
  }

  /**
   * The model's name from its file alone, without loading onnxruntime: whether a namespace needs
   * re-embedding is known without the runtime (which must not be loading when its thread ends).
   */
  name(): Promise<string> {
    this.#naming ??= sha256(this.#options.model).then(
      (sha) => `onnx:${basename(this.#options.model)}@${sha.slice(0, 12)}`,
      (error: NodeJS.ErrnoException) => {
        this.#naming = undefined;
        throw this.#fail(`cannot read it (${error.code ?? error.message})`);
      },
    );
    return this.#naming;
  }

  /** Loads the model and its tokenizer (once); E_EMBEDDER naming the file when either fails. */
  load(): Promise<Loaded> {
    this.#loading ??= this.#load().catch((error: unknown) => {
      this.#loading = undefined; // a file put right afterwards loads on the next call
      throw error;
    });
    return this.#loading;
  }

  async #load(): Promise<Loaded> {
    const path = this.#options.model;
    const tokenizer = WordPiece.fromFile(this.#options.tokenizer);
    const name = await this.name();
    const ort = await import('onnxruntime-node').catch((error: Error) => {
      throw new MemoryError(
        'E_EMBEDDER',
        `Cannot load onnxruntime-node (${error.message.split('\n')[0]}); reinstall it (npm install) or configure another embedder`,
      );
    });
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(path, { graphOptimizationLevel: 'all' });
    } catch (error) {
      throw this.#fail(`onnxruntime cannot load it (${(error as Error).message.split('\n')[0]})`);
    }
    if (!session.inputNames.includes('input_ids'))
      throw this.#fail(`it has no input_ids input (its inputs: ${session.inputNames.join(', ')})`);
    const output = session.outputNames.includes('sentence_embedding')
      ? 'sentence_embedding'
      : session.outputNames.includes('last_hidden_state')
        ? 'last_hidden_state'
        : session.outputNames[0];
    const maxLength = Math.min(
      this.#options.maxLength ?? tokenizer.maxLength ?? MEMORY_LIMITS.ONNX_MAX_TOKENS,
      MEMORY_LIMITS.ONNX_MAX_TOKENS,
    );
    const loaded: Loaded = { session, ort, tokenizer, output, maxLength };
    // The width of the output is the dimension: read from one short text, whatever the metadata says
    const [probe] = await this.#run(loaded, ['a']);
    if (probe.length < 1 || probe.length > MEMORY_LIMITS.DIMENSION_MAX)
      throw this.#fail(`its output has ${probe.length} dimensions, not 1 to ${MEMORY_LIMITS.DIMENSION_MAX}`);
    this.#dimension = probe.length;
    this.#model = name;
    return loaded;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const loaded = await this.load();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += MEMORY_LIMITS.EMBED_BATCH)
      out.push(...(await this.#run(loaded, texts.slice(i, i + MEMORY_LIMITS.EMBED_BATCH))));
    return out;
  }

  async #run(loaded: Loaded, texts: string[]): Promise<Float32Array[]> {
    const { session, ort, tokenizer, output, maxLength } = loaded;
    const sequences = texts.map((t) => tokenizer.encode(t, maxLength));
    const width = Math.max(...sequences.map((s) => s.length));
    const ids = new BigInt64Array(texts.length * width).fill(BigInt(tokenizer.pad));
    const mask = new BigInt64Array(texts.length * width);
    sequences.forEach((s, row) => {
      s.forEach((id, j) => {
        ids[row * width + j] = BigInt(id);
        mask[row * width + j] = 1n;
      });
    });
    const dims = [texts.length, width];
    const feeds: Record<string, Tensor> = { input_ids: new ort.Tensor('int64', ids, dims) };
    if (session.inputNames.includes('attention_mask'))
      feeds.attention_mask = new ort.Tensor('int64', mask, dims);
    if (session.inputNames.includes('token_type_ids'))
      feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
    let result: InferenceSession.ReturnType;
    try {
      result = await session.run(feeds);
    } catch (error) {
      throw this.#fail(`running it failed (${(error as Error).message.split('\n')[0]})`);
    }
    const tensor = result[output];
    const data = tensor.data as Float32Array;
    const vectors =
      tensor.dims.length === 3
        ? pool(data, tensor.dims, mask, this.#options.pooling)
        : rows(data, tensor.dims);
    for (const v of vectors)
      for (const x of v) if (!Number.isFinite(x)) throw this.#fail('it gave a vector that is not finite');
    return this.#options.normalise ? vectors.map(normalise) : vectors;
  }

  #fail(why: string): MemoryError {
    return new MemoryError(
      'E_EMBEDDER',
      `Cannot use the ONNX model '${this.#options.model}': ${why}; check memory.embedder.model in config.json`,
    );
  }
}

/** One sentence vector per row of [batch, sequence, dimension]: the masked mean, or position 0. */
function pool(
  data: Float32Array,
  dims: readonly number[],
  mask: BigInt64Array,
  how: 'mean' | 'cls',
): Float32Array[] {
  const [batch, width, d] = dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(d);
    if (how === 'cls') v.set(data.subarray(b * width * d, b * width * d + d));
    else {
      let n = 0;
      for (let s = 0; s < width; s++) {
        if (mask[b * width + s] === 0n) continue;
        n++;
        const at = (b * width + s) * d;
        for (let j = 0; j < d; j++) v[j] += data[at + j];
      }
      for (let j = 0; j < d; j++) v[j] /= Math.max(n, 1);
    }
    out.push(v);
  }
  return out;
}

function rows(data: Float32Array, dims: readonly number[]): Float32Array[] {
  const [batch, d] = dims;
  return Array.from({ length: batch }, (_, b) => data.slice(b * d, b * d + d));
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
