/**
 * How a way back tells whether a file changed since a step touched it: the same measure for
 * Atlas's undo store and the planner's kept copies, so an entry one records the other can check.
 *
 * @example
 * const hash = fingerprint('/home/me/new.txt');  // sha256, or size and mtime for big files
 * const before = prefixHash('/home/me/log.txt', 120); // the bytes an append left untouched
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Files up to this size are hashed when created, so undo can tell whether they changed since. */
const HASH_LIMIT = 16 * 1024 * 1024;

/** sha256 of a file's content, or size and mtime for files too big to hash quickly. */
export function fingerprint(path: string): string {
  const st = statSync(path);
  if (st.size > HASH_LIMIT) return `size:${st.size}:mtime:${st.mtimeMs}`;
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256 of the first `size` bytes of a file. */
export function prefixHash(path: string, size: number): string {
  const data = readFileSync(path);
  return createHash('sha256').update(data.subarray(0, size)).digest('hex');
}
