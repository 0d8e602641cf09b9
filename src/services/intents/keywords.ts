/**
 * Word-by-word meaning: each content word of a message against a handler's keywords (the words
 * of its name, description and tags), by the sentence encoder's vectors of the single words.
 * It catches what neither whole-sentence similarity nor exact words see when a request is
 * short and its words are not the handler's: "forget" is close to "reminder", "free" to
 * "availability", "render" to "translate". A message's score for a handler is the mean, over its
 * content words, of each word's best match among the handler's keywords.
 *
 * @example
 * const kw = new KeywordMatch();
 * kw.set('reminders', ['reminder', 'todo', 'alert'], vectors);
 * kw.scores(['forget', 'dry', 'cleaning'], wordVectors);   // Map { 'reminders' => 0.5… }
 */

import { dot } from './dot.ts';
import { STOPWORDS, words } from './lexical.ts';
import { INTENT_LIMITS } from './limits.ts';

/** The distinct content words of `text` (no stopwords), at most `max` of them. */
export function contentWords(text: string, max: number = INTENT_LIMITS.KEYWORDS_MAX): string[] {
  return [...new Set(words(text).filter((w) => !STOPWORDS.has(w) && !/^\p{N}+$/u.test(w)))].slice(0, max);
}

export class KeywordMatch {
  readonly #keywords = new Map<string, Float32Array[]>();
  /** A word's best match in each handler: computed once per word until the handlers change. */
  #best = new Map<string, Map<string, number>>();

  set(key: string, vectors: Float32Array[]): void {
    this.#keywords.set(key, vectors);
    this.#best = new Map();
  }

  delete(key: string): void {
    this.#keywords.delete(key);
    this.#best = new Map();
  }

  /** Each handler's score for a message of these words (given with their vectors), 0 to 1. */
  scores(messageWords: readonly { word: string; vector: Float32Array }[]): Map<string, number> {
    const out = new Map<string, number>();
    if (messageWords.length === 0) return out;
    for (const { word, vector } of messageWords) {
      let best = this.#best.get(word);
      if (!best) {
        best = new Map();
        for (const [key, kws] of this.#keywords) {
          let max = 0;
          for (const k of kws) max = Math.max(max, dot(vector, k));
          best.set(key, max);
        }
        if (this.#best.size >= INTENT_LIMITS.EMBED_CACHE_ENTRIES) this.#best.clear();
        this.#best.set(word, best);
      }
      for (const [key, s] of best) out.set(key, (out.get(key) ?? 0) + s / messageWords.length);
    }
    return out;
  }
}
