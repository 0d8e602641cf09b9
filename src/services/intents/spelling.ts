/**
 * Typo repair against the handlers' own vocabulary: a word of a message that is neither in
 * any registration nor a known English word, and is one edit (an insertion, deletion,
 * substitution or swap of neighbours) from exactly one registered word, is read as that word
 * ("forcast" → "forecast", "remnd" → "remind"). The encoder reads a misspelt word as a
 * different one, so repairing it first helps both signals.
 *
 * @example
 * const v = new Vocabulary();
 * v.add('weather forecast for today');
 * v.repair('forcast for lisbon', () => false);   // 'forecast for lisbon'
 */
import { words } from './lexical.ts';

/** True when `a` and `b` are at most one edit apart (Damerau: a swap of neighbours is one edit). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < la; i++) {
      if (a[i] !== b[i]) {
        if (++diffs > 2) return false;
        if (first < 0) first = i;
      }
    }
    if (diffs === 1) return true;
    return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
  }
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

const MIN_LENGTH = 4;

export class Vocabulary {
  readonly #counts = new Map<string, number>();

  add(text: string): void {
    for (const w of words(text)) this.#counts.set(w, (this.#counts.get(w) ?? 0) + 1);
  }

  remove(text: string): void {
    for (const w of words(text)) {
      const n = (this.#counts.get(w) ?? 0) - 1;
      if (n > 0) this.#counts.set(w, n);
      else this.#counts.delete(w);
    }
  }

  /** `text` with each unknown word one edit from exactly one registered word replaced by it. */
  repair(text: string, known: (word: string) => boolean): string {
    return text.replace(/[\p{L}]+/gu, (word) => {
      const w = word.toLowerCase();
      if (w.length < MIN_LENGTH || this.#counts.has(w) || known(w)) return word;
      let match: string | undefined;
      for (const v of this.#counts.keys()) {
        if (v.length < MIN_LENGTH || !oneEdit(w, v)) continue;
        if (match !== undefined) return word; // two candidates: no guess
        match = v;
      }
      return match ?? word;
    });
  }
}
