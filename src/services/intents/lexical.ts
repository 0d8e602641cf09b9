/**
 * The word side of routing: BM25 over each handler's words (its intent name, description,
 * examples and tags), with a message's words widened by synonyms when a thesaurus is given.
 * Paraphrases share few words with a handler's examples; the meaning side carries those, and
 * this side keeps exact vocabulary ("thermostat", "inbox") decisive.
 *
 * @example
 * const index = new WordIndex();
 * index.set('weather', 'weather forecast rain temperature');
 * index.scores('will it rain in oslo');   // Map { 'weather' => 0.4… }
 */
import { INTENT_LIMITS } from './limits.ts';

// Words that say nothing about what a message is for.
export const STOPWORDS = new Set(
  `a about after all am an and any are as at be been by can could did do does for from had has have
how i if in into is it its me my of on or our please pls so some than that the their them then there
these they this to too up was we were what when where which who will with would you your just can't
dont don't im i'm i'd let lets give show tell want need like get got make`.split(/\s+/),
);

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

/** A crude stem: enough to meet 'meetings' with 'meeting' and 'summarised' with 'summarise'. */
export function stem(word: string): string {
  const w = word.replace(/['’]s$/, '');
  if (w.length <= 4) return w;
  return w.replace(/(ations?|ings?|ies|ed|es|s|e|y|ly|er|ise|ize)$/, '').slice(0, 7) || w;
}

/** A number says how much or when, never what a request is for ("pay 30" is not "9:30"). */
const isNumber = (w: string) => /^\p{N}+$/u.test(w);

export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !isNumber(w))
    .map(stem);
}

export type Synonyms = (word: string) => readonly string[];

export class WordIndex {
  readonly #docs = new Map<string, Map<string, number>>();
  readonly #lengths = new Map<string, number>();
  #df = new Map<string, number>();

  /** Replaces what `key` is made of. */
  set(key: string, text: string): void {
    const tf = new Map<string, number>();
    const ts = terms(text);
    for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
    this.#docs.set(key, tf);
    this.#lengths.set(key, ts.length);
    this.#recount();
  }

  delete(key: string): void {
    this.#docs.delete(key);
    this.#lengths.delete(key);
    this.#recount();
  }

  #recount(): void {
    const df = new Map<string, number>();
    for (const tf of this.#docs.values()) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    this.#df = df;
  }

  /** Each key's word score for `text`, 0 to 1 (0 for keys sharing no word with it). */
  scores(text: string, synonyms?: Synonyms): Map<string, number> {
    const { BM25_K1: k1, BM25_B: b, BM25_HALF: half, SYNONYM_WEIGHT } = INTENT_LIMITS;
    const query = new Map<string, number>();
    for (const w of words(text)) {
      if (STOPWORDS.has(w) || isNumber(w)) continue;
      query.set(stem(w), 1);
      for (const s of synonyms?.(w) ?? []) {
        for (const part of words(s)) {
          const t = stem(part);
          if (!query.has(t) && !STOPWORDS.has(part)) query.set(t, SYNONYM_WEIGHT);
        }
      }
    }
    const n = this.#docs.size;
    let total = 0;
    for (const l of this.#lengths.values()) total += l;
    const avg = n > 0 ? total / n : 1;
    const out = new Map<string, number>();
    for (const [key, tf] of this.#docs) {
      let score = 0;
      const len = this.#lengths.get(key) ?? 0;
      for (const [t, weight] of query) {
        const f = tf.get(t);
        if (!f) continue;
        const df = this.#df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += weight * idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avg)));
      }
      out.set(key, score / (score + half));
    }
    return out;
  }
}
