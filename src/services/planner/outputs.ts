/**
 * Outputs too big for a row (over OUTPUT_INLINE_MAX_BYTES: a long listing, a big file read),
 * kept apart in files under `$AIOS_HOME/planner/outputs/RUN/`, one directory per top-level run
 * (its sub-runs' files too), removed with the run when it is pruned. A file is written whole
 * (a temporary name, then a rename) inside the transaction that commits its row, under a name
 * no earlier commit used, so a kill leaves either the old row and its file or the new ones,
 * never a row naming half a file.
 *
 * @example
 * const kept = new OutputFiles(join(home, 'planner', 'outputs'));
 * const file = kept.put('p3f9a0c1d2e', 'read-17', text); // 'p3f9a0c1d2e/read-17.json'
 * kept.read(file);                                         // text
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class OutputFiles {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Writes `text` as `name` of run `runId`; returns the file's name relative to the directory. */
  put(runId: string, name: string, text: string): string {
    const dir = join(this.#dir, topOf(runId));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = `${topOf(runId)}/${encodeURIComponent(name)}.json`;
    const temporary = join(this.#dir, `${file}.part`);
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, join(this.#dir, file));
    return file;
  }

  read(file: string): string {
    return readFileSync(join(this.#dir, file), 'utf8');
  }

  /** Removes a file a newer commit replaced (a missing one is fine). */
  drop(file: string): void {
    rmSync(join(this.#dir, file), { force: true });
  }

  /** Removes everything kept for top-level run `runId` and its sub-runs. */
  removeRun(runId: string): void {
    rmSync(join(this.#dir, topOf(runId)), { recursive: true, force: true });
  }
}

/** The top-level run a (sub-)run id belongs to: sub-runs are `RUN.NODE…`. */
function topOf(runId: string): string {
  return runId.split('.')[0];
}
