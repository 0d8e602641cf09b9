/**
 * The audit journal in SQLite: one row per flushed batch of lines (the persister writes a batch
 * per transaction), so appending costs one insert per batch and reading the journal back is a
 * few rows per 1,000 entries. A seal line always ends its row, so a sealed block is a run of
 * whole rows that a verifier can read as one text. Rows record their first and last seq and
 * their seal, for finding the chain's head after a restart.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type AuditHead, GENESIS_HASH } from '../kernel/index.ts';

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_blocks (
  first_seq INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL, seal_seq INTEGER, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_blocks_seals ON audit_blocks(first_seq) WHERE seal_seq IS NOT NULL;
`;

/** Whether a line the running kernel wrote is a seal (stored ones may also be `checkpoint`). */
function isSeal(line: string): boolean {
  // seq and t are numbers, so the first kind in the line is the entry's, not a detail's
  const at = line.indexOf(',"kind":"');
  return at >= 0 && line.startsWith('seal"', at + 9);
}

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
    // stores made before seals had that name: the column and its index are renamed, rows kept
    const columns = db.prepare('PRAGMA table_info(audit_blocks)').all() as { name: string }[];
    if (columns.some((c) => c.name === 'checkpoint_seq')) {
      db.exec(`ALTER TABLE audit_blocks RENAME COLUMN checkpoint_seq TO seal_seq;
        DROP INDEX IF EXISTS audit_blocks_checkpoints;`);
    }
    db.exec(AUDIT_SCHEMA);
    this.#insert = db.prepare(
      'INSERT INTO audit_blocks (first_seq, last_seq, seal_seq, text) VALUES (?, ?, ?, ?)',
    );
  }

  /** Appends written lines (in order), a row per run that ends at a seal; call inside a transaction. */
  append(lines: readonly string[]): void {
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      const seal = isSeal(lines[i]);
      if (!seal && i < lines.length - 1) continue;
      const run = lines.slice(start, i + 1);
      const last = seqOf(run[run.length - 1]);
      this.#insert.run(seqOf(run[0]), last, seal ? last : null, run.join('\n'));
      start = i + 1;
    }
  }

  /** Where the chain stands: last entry, last seal, and the lines written since. */
  head(): AuditHead {
    const last = this.#db.prepare('SELECT text FROM audit_blocks ORDER BY first_seq DESC LIMIT 1').get() as
      | { text: string }
      | undefined;
    if (!last) return { seq: 0, hash: GENESIS_HASH, sealHash: '', block: [] };
    const lastLine = last.text.slice(last.text.lastIndexOf('\n') + 1);
    const sealRow = this.#db
      .prepare(
        'SELECT first_seq, seal_seq, text FROM audit_blocks WHERE seal_seq IS NOT NULL ORDER BY first_seq DESC LIMIT 1',
      )
      .get() as { first_seq: number; seal_seq: number; text: string } | undefined;
    let sealHash = '';
    const block: string[] = [];
    const after = sealRow?.seal_seq ?? 0;
    if (sealRow) {
      const line = sealRow.text.split('\n').find((l) => seqOf(l) === sealRow.seal_seq);
      sealHash = line ? hashOf(line) : '';
    }
    // A seal ends its row, so the rows after it start after it: a range of the primary key,
    // not a scan of the whole journal (a restart of a long-lived home read all of it).
    for (const row of this.#db
      .prepare('SELECT text FROM audit_blocks WHERE first_seq > ? ORDER BY first_seq')
      .all(after) as { text: string }[]) {
      for (const line of row.text.split('\n')) if (seqOf(line) > after) block.push(line);
    }
    return { seq: seqOf(lastLine), hash: hashOf(lastLine), sealHash, block };
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
   * The journal as text in chunks of about `entries` entries that end right after a seal line
   * (the last chunk ends at the head), so a verifier can hold one chunk at a time.
   */
  *chunks(entries = 200_000): Generator<{ fromSeq: number; text: string }> {
    let parts: string[] = [];
    let fromSeq = 0;
    let count = 0;
    const rows = this.#db
      .prepare('SELECT first_seq, last_seq, seal_seq, text FROM audit_blocks ORDER BY first_seq')
      .iterate() as Iterable<{
      first_seq: number;
      last_seq: number;
      seal_seq: number | null;
      text: string;
    }>;
    for (const row of rows) {
      if (parts.length === 0) fromSeq = row.first_seq;
      parts.push(row.text);
      count += row.last_seq - row.first_seq + 1;
      if (count >= entries && row.seal_seq === row.last_seq) {
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
