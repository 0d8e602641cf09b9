/**
 * A tiny BERT-shaped sentence model written as ONNX bytes by the test itself, so the ONNX
 * provider runs a real onnxruntime session on a real model file without downloading one.
 *
 * The graph has the inputs a MiniLM or BGE export has (input_ids, attention_mask,
 * token_type_ids, int64 [batch, sequence]) and its output (last_hidden_state, float
 * [batch, sequence, dimension]): Gather(word table, input_ids) + Gather(type table,
 * token_type_ids), multiplied by the attention mask. Pooling and normalising are the
 * provider's work, as with the real exports. The word table puts each word near the direction
 * of its topic, so texts that share a topic embed close even when they share no word.
 *
 * @example
 * const dir = writeTinyModel(tmp, { dimension: 8 });
 * // dir/model.onnx, dir/vocab.txt, dir/tokenizer.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Words grouped by meaning: one topic direction each. */
export const TOPICS: Record<string, string[]> = {
  audit: ['audit', 'accounts', 'finance', 'books', 'yearly', 'annual', 'review', 'ledger', 'auditor'],
  baking: ['cake', 'bake', 'baking', 'oven', 'chocolate', 'dessert', 'flour', 'sweet'],
  dogs: ['dog', 'puppy', 'walk', 'walks', 'leash', 'park', 'pet'],
  travel: ['flight', 'plane', 'airport', 'trip', 'travel', 'luggage', 'boarding'],
  health: ['doctor', 'dentist', 'appointment', 'clinic', 'checkup', 'teeth'],
};
/** Words with no topic: they carry little and sit near no topic. */
const COMMON = [
  'the',
  'a',
  'of',
  'who',
  'which',
  'is',
  'and',
  'my',
  'for',
  'to',
  'handles',
  'looks',
  'after',
  'dana',
  'colleague',
  'in',
];
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

export function vocabulary(): string[] {
  return [...SPECIAL, ...COMMON, ...Object.values(TOPICS).flat(), '##s', '##ing'];
}

// ---- a small protobuf writer (proto3 wire format; ONNX's messages are plain ones) ----

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

type Field = number[];
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number | bigint): Field => [...key(field, 0), ...varint(n)];
const bytes = (field: number, b: Uint8Array | number[]): Field => [
  ...key(field, 2),
  ...varint(b.length),
  ...b,
];
const str = (field: number, s: string): Field => bytes(field, [...new TextEncoder().encode(s)]);
const msg = (field: number, ...fields: Field[]): Field => bytes(field, fields.flat());

const FLOAT = 1;
const INT64 = 7;

function tensor(field: number, name: string, dims: number[], type: number, raw: Uint8Array): Field {
  return msg(field, ...dims.map((d) => int(1, d)), int(2, type), str(8, name), bytes(9, raw));
}

/** A ValueInfoProto of an int64 or float tensor; a string dim is symbolic ('batch'). */
function valueInfo(field: number, name: string, type: number, dims: (number | string)[]): Field {
  const shape = dims.map((d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return msg(field, str(1, name), msg(2, msg(1, int(1, type), msg(2, ...shape))));
}

function node(op: string, inputs: string[], outputs: string[], ...attributes: Field[]): Field {
  return msg(1, ...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(4, op), ...attributes);
}

/** Deterministic pseudo-random numbers in [-1, 1) (a test must not depend on Math.random). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

export interface TinyModelOptions {
  dimension: number;
  /** Another seed gives another model of the same shape (for switching models). */
  seed?: number;
}

/** The model's word table: topic words near their topic's direction, others small and spread. */
function wordTable(vocab: string[], options: TinyModelOptions): Float32Array {
  const { dimension } = options;
  const rand = noise(options.seed ?? 1);
  const topics = Object.keys(TOPICS);
  const directions = topics.map(() => Array.from({ length: dimension }, rand));
  const table = new Float32Array(vocab.length * dimension);
  vocab.forEach((word, row) => {
    const t = topics.findIndex((name) => TOPICS[name].includes(word));
    for (let j = 0; j < dimension; j++) {
      const own = rand();
      table[row * dimension + j] = t >= 0 ? directions[t][j] + 0.25 * own : 0.15 * own;
    }
  });
  return table;
}

/** The bytes of model.onnx. */
export function tinyModelBytes(options: TinyModelOptions): Uint8Array {
  const vocab = vocabulary();
  const d = options.dimension;
  const words = wordTable(vocab, options);
  const types = new Float32Array(2 * d).map((_, i) => (i < d ? 0 : 0.01));
  const axes = new BigInt64Array([2n]);
  const raw = (a: Float32Array | BigInt64Array) => new Uint8Array(a.buffer);
  const graph = [
    node('Gather', ['word_embeddings', 'input_ids'], ['words']),
    node('Gather', ['type_embeddings', 'token_type_ids'], ['types']),
    node('Add', ['words', 'types'], ['summed']),
    // Cast's 'to' attribute: AttributeProto { name: 'to', i: FLOAT, type: INT (2) }
    node('Cast', ['attention_mask'], ['mask'], msg(5, str(1, 'to'), int(3, FLOAT), int(20, 2))),
    node('Unsqueeze', ['mask', 'axis_2'], ['mask3']),
    node('Mul', ['summed', 'mask3'], ['last_hidden_state']),
  ];
  const model = [
    int(1, 8), // ir_version
    str(2, 'aios-test'),
    msg(
      7,
      ...graph,
      str(2, 'tiny-bert'),
      tensor(5, 'word_embeddings', [vocab.length, d], FLOAT, raw(words)),
      tensor(5, 'type_embeddings', [2, d], FLOAT, raw(types)),
      tensor(5, 'axis_2', [1], INT64, raw(axes)),
      valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
      valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
      valueInfo(11, 'token_type_ids', INT64, ['batch', 'sequence']),
      valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', d]),
    ),
    msg(8, str(1, ''), int(2, 13)), // opset 13
  ];
  return new Uint8Array(model.flat());
}

/**
 * Writes model.onnx, vocab.txt and a Hugging Face tokenizer.json (WordPiece, lower-cased,
 * truncation at `maxLength`) into `dir`; returns `dir`.
 */
export function writeTinyModel(dir: string, options: TinyModelOptions & { maxLength?: number }): string {
  mkdirSync(dir, { recursive: true });
  const vocab = vocabulary();
  writeFileSync(join(dir, 'model.onnx'), tinyModelBytes(options));
  writeFileSync(join(dir, 'vocab.txt'), `${vocab.join('\n')}\n`);
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: options.maxLength ? { max_length: options.maxLength } : null,
      normalizer: { type: 'BertNormalizer', lowercase: true, strip_accents: null },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocab.map((w, i) => [w, i])),
      },
    }),
  );
  return dir;
}
