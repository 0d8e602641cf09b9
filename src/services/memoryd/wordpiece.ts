/**
 * BERT's WordPiece tokenizer, as MiniLM and BGE exports ship it: a Hugging Face
 * `tokenizer.json` (model type WordPiece) or a plain `vocab.txt`, one token a line. Text is
 * lower-cased (unless the tokenizer says otherwise), accents stripped, split on whitespace and
 * punctuation, and each word cut greedily into the longest pieces the vocabulary holds
 * (`##` marks a piece inside a word). A sequence is `[CLS] pieces… [SEP]`, cut at `maxLength`.
 *
 * @example
 * const tok = WordPiece.fromFile('/models/minilm/tokenizer.json');
 * tok.encode('Dana handles the annual audit', 128);   // [101, 8704, 16024, 1996, 3296, 15727, 102]
 */
import { readFileSync } from 'node:fs';
import { MemoryError } from './errors.ts';

interface TokenizerJson {
  truncation?: { max_length?: number } | null;
  normalizer?: { lowercase?: boolean } | null;
  model?: {
    type?: string;
    vocab?: Record<string, number>;
    unk_token?: string;
    continuing_subword_prefix?: string;
    max_input_chars_per_word?: number;
  };
}

export class WordPiece {
  readonly #vocab: Map<string, number>;
  readonly #lowercase: boolean;
  readonly #prefix: string;
  readonly #maxChars: number;
  readonly unk: number;
  readonly cls: number;
  readonly sep: number;
  readonly pad: number;
  /** The tokenizer's own truncation length, when its file names one. */
  readonly maxLength: number | undefined;

  constructor(
    vocab: Map<string, number>,
    options: {
      lowercase?: boolean;
      unk?: string;
      prefix?: string;
      maxChars?: number;
      maxLength?: number;
    } = {},
  ) {
    this.#vocab = vocab;
    this.#lowercase = options.lowercase ?? true;
    this.#prefix = options.prefix ?? '##';
    this.#maxChars = options.maxChars ?? 100;
    this.maxLength = options.maxLength;
    const need = (token: string) => {
      const id = vocab.get(token);
      if (id === undefined)
        throw new MemoryError(
          'E_EMBEDDER',
          `The tokenizer's vocabulary has no '${token}'; give the BERT-style tokenizer of the model`,
        );
      return id;
    };
    this.unk = need(options.unk ?? '[UNK]');
    this.cls = need('[CLS]');
    this.sep = need('[SEP]');
    this.pad = need('[PAD]');
  }

  /** Reads a `tokenizer.json` (WordPiece) or a `vocab.txt`; E_EMBEDDER naming the file when it is neither. */
  static fromFile(path: string): WordPiece {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new MemoryError(
        'E_EMBEDDER',
        `Cannot read the tokenizer '${path}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of the model's tokenizer.json or vocab.txt`,
      );
    }
    if (!path.endsWith('.json')) {
      const vocab = new Map<string, number>();
      text.split(/\r?\n/).forEach((line, i) => {
        if (line !== '' && !vocab.has(line)) vocab.set(line, i);
      });
      return new WordPiece(vocab);
    }
    let json: TokenizerJson;
    try {
      json = JSON.parse(text) as TokenizerJson;
    } catch {
      throw new MemoryError(
        'E_EMBEDDER',
        `The tokenizer '${path}' is not JSON; give the model's tokenizer.json`,
      );
    }
    const model = json.model;
    if (model?.type !== 'WordPiece' || typeof model.vocab !== 'object' || model.vocab === null) {
      throw new MemoryError(
        'E_EMBEDDER',
        `The tokenizer '${path}' is not a WordPiece tokenizer (its model is '${model?.type ?? 'missing'}'); the ONNX provider reads BERT-style tokenizers (MiniLM, BGE)`,
      );
    }
    return new WordPiece(new Map(Object.entries(model.vocab)), {
      lowercase: json.normalizer?.lowercase ?? true,
      unk: model.unk_token,
      prefix: model.continuing_subword_prefix,
      maxChars: model.max_input_chars_per_word,
      maxLength: json.truncation?.max_length ?? undefined,
    });
  }

  /** `[CLS] pieces… [SEP]`, at most `maxLength` ids (pieces past it are dropped, [SEP] kept). */
  encode(text: string, maxLength: number): number[] {
    const ids = [this.cls];
    const room = maxLength - 1;
    for (const word of this.#words(text)) {
      for (const id of this.#pieces(word)) {
        if (ids.length >= room) return [...ids, this.sep];
        ids.push(id);
      }
    }
    ids.push(this.sep);
    return ids;
  }

  #words(text: string): string[] {
    let t = text.normalize('NFD').replace(/\p{Mn}/gu, '');
    if (this.#lowercase) t = t.toLowerCase();
    // BERT splits off every punctuation character as a word of its own
    return t
      .split(/\s+/)
      .flatMap((w) => w.split(/([\p{P}\p{S}])/u))
      .filter((w) => w !== '');
  }

  #pieces(word: string): number[] {
    if (word.length > this.#maxChars) return [this.unk];
    const out: number[] = [];
    let start = 0;
    while (start < word.length) {
      let end = word.length;
      let id: number | undefined;
      while (end > start) {
        const piece = (start > 0 ? this.#prefix : '') + word.slice(start, end);
        id = this.#vocab.get(piece);
        if (id !== undefined) break;
        end--;
      }
      if (id === undefined) return [this.unk]; // BERT: a word with no split is one [UNK]
      out.push(id);
      start = end;
    }
    return out;
  }
}
