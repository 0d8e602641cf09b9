/**
 * A full disk, as one error class: SQLite's SQLITE_FULL and the file system's ENOSPC, EDQUOT
 * and EFBIG (a file-size limit) all mean the same thing to a user: writes cannot be kept until
 * space is freed. The API answers it with 507, the CLI with one line.
 *
 * @example
 * try { store.commit(batch); } catch (error) { throw asDiskFull(error, store.path) ?? error; }
 */
import { dirname } from 'node:path';

/** SQLite's primary result code for "database or disk is full" (extended codes share its low byte). */
const SQLITE_FULL = 13;
const FULL_ERRNOS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export class DiskFullError extends Error {
  override name = 'DiskFullError';
  constructor(path: string, options?: ErrorOptions) {
    super(`The disk holding '${path}' is full; free some space there and try again`, options);
  }
}

/** True when `error` says the disk (or the file-size limit) is full. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof DiskFullError) return true;
  const e = error as { code?: unknown; errcode?: unknown } | undefined;
  if (typeof e?.code === 'string' && FULL_ERRNOS.has(e.code)) return true;
  return (
    e?.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number' && (e.errcode & 0xff) === SQLITE_FULL
  );
}

/** `error` as a DiskFullError naming the directory of `file`, or undefined when it is another error. */
export function asDiskFull(error: unknown, file: string): DiskFullError | undefined {
  if (error instanceof DiskFullError) return error;
  return isDiskFull(error) ? new DiskFullError(dirname(file), { cause: error }) : undefined;
}
