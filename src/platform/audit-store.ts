/**
 * The audit journal in SQLite: one row per sealed batch of lines (the persister writes a batch
 * per transaction), so appending costs one insert per batch and reading the journal back is a
 * few rows per 1,000 entries. A checkpoint line always ends its row, so a checkpoint block is
 * a run of whole rows that a verifier can read as one text. Rows record their first and last
 * seq and their checkpoint, for finding the chain's head after a restart.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type AuditHead, GENESIS_HASH } from '../kernel/index.ts';

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_blocks (
  first_seq INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL, checkpoint_seq INTEGER, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_blocks_checkpoints ON audit_blocks(first_seq) WHERE checkpoint_seq IS NOT NULL;
`;

const CHECKPOINT = '"kind":"checkpoint"';

export function seqOf(line: string): number {
  return Number(line.slice(7, line.indexOf(',', 7)));
}

function hashOf(line: string): string {
  return line.slice(-66, -2);
}

export class AuditStore {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(AUDIT_SCHEMA);
    this.#insert = db.prepare(
      'INSERT INTO audit_blocks (first_seq, last_seq, checkpoint_seq, text) VALUES (?, ?, ?, ?)',
    );
  }

  /** Appends sealed lines (in order), a row per run that ends at a checkpoint; call inside a transaction. */
  append(lines: readonly string[]): void {
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      const isCheckpoint = lines[i].includes(CHECKPOINT);
      if (!isCheckpoint && i < lines.length - 1) continue;
      const run = lines.slice(start, i + 1);
      const last = seqOf(run[run.length - 1]);
      this.#insert.run(seqOf(run[0]), last, isCheckpoint ? last : null, run.join('\n'));
      start = i + 1;
    }
  }

  /** Where the chain stands: last entry, last checkpoint, and the lines sealed since. */
  head(): AuditHead {
    const last = this.#db.prepare('SELECT text FROM audit_blocks ORDER BY first_seq DESC LIMIT 1').get() as
      | { text: string }
      | undefined;
    if (!last) return { seq: 0, hash: GENESIS_HASH, checkpointHash: '', block: [] };
    const lastLine = last.text.slice(last.text.lastIndexOf('\n') + 1);
    const ckRow = this.#db
      .prepare(
        'SELECT first_seq, checkpoint_seq, text FROM audit_blocks WHERE checkpoint_seq IS NOT NULL ORDER BY first_seq DESC LIMIT 1',
      )
      .get() as { first_seq: number; checkpoint_seq: number; text: string } | undefined;
    let checkpointHash = '';
    const block: string[] = [];
    const after = ckRow?.checkpoint_seq ?? 0;
    if (ckRow) {
      const line = ckRow.text.split('\n').find((l) => seqOf(l) === ckRow.checkpoint_seq);
      checkpointHash = line ? hashOf(line) : '';
    }
    for (const row of this.#db
      .prepare('SELECT text FROM audit_blocks WHERE last_seq > ? ORDER BY first_seq')
      .all(after) as { text: string }[]) {
      for (const line of row.text.split('\n')) if (seqOf(line) > after) block.push(line);
    }
    return { seq: seqOf(lastLine), hash: hashOf(lastLine), checkpointHash, block };
  }

  /** The highest seq stored (0 when empty). */
  lastSeq(): number {
    const row = this.#db.prepare('SELECT max(last_seq) AS m FROM audit_blocks').get() as { m: number | null };
    return row.m ?? 0;
  }

  count(): number {
    const row = this.#db.prepare('SELECT sum(last_seq - first_seq + 1) AS n FROM audit_blocks').get() as {
      n: number | null;
    };
    return row.n ?? 0;
  }

  /**
   * The journal as text in chunks of about `entries` entries that end right after a checkpoint
   * line (the last chunk ends at the head), so a verifier can hold one chunk at a time.
   */
  *chunks(entries = 200_000): Generator<{ fromSeq: number; text: string }> {
    let parts: string[] = [];
    let fromSeq = 0;
    let count = 0;
    const rows = this.#db
      .prepare('SELECT first_seq, last_seq, checkpoint_seq, text FROM audit_blocks ORDER BY first_seq')
      .iterate() as Iterable<{
      first_seq: number;
      last_seq: number;
      checkpoint_seq: number | null;
      text: string;
    }>;
    for (const row of rows) {
      if (parts.length === 0) fromSeq = row.first_seq;
      parts.push(row.text);
      count += row.last_seq - row.first_seq + 1;
      if (count >= entries && row.checkpoint_seq === row.last_seq) {
        yield { fromSeq, text: parts.join('\n') };
        parts = [];
        count = 0;
      }
    }
    if (parts.length > 0) yield { fromSeq, text: parts.join('\n') };
  }

  /** Lines with seq in (after, after + limit], oldest first. */
  page(after: number, limit: number): string[] {
    const out: string[] = [];
    for (const row of this.#db
      .prepare('SELECT text FROM audit_blocks WHERE last_seq > ? ORDER BY first_seq')
      .iterate(after) as Iterable<{ text: string }>) {
      for (const line of row.text.split('\n')) {
        if (seqOf(line) <= after) continue;
        out.push(line);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}
