/**
 * The undo store: how every `aios do` can be taken back, also after a restart. Each request
 * gets a directory under $AIOS_HOME/undo/<id>/ for the bytes it displaced (deleted files are
 * moved here, never unlinked; overwritten files are copied here first) and a journal of undo
 * entries in SQLite. Undo replays the journal in reverse.
 *
 * The journal is written ahead: an entry for a file moved away (trashed, moved) is committed
 * before the file moves, so a request killed mid-step leaves no file in the store without
 * its row. Undo treats an entry whose move never happened (the file still where it was, no
 * copy in the store) as nothing to reverse.
 *
 * @example
 * const store = new UndoStore(db, home);
 * const journal = store.journal('12');
 * journal.trash('/home/me/old.log');     // moved into the store
 * await store.undo('12', tools, ctx);    // moved back, byte for byte
 */
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { fingerprint, prefixHash } from '../tools/fingerprint.ts';
import type { Journal, ToolContext, ToolDef, UndoEntry } from '../tools/types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS atlas_undo (
  request_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,
  PRIMARY KEY (request_id, seq));
`;

export interface UndoReport {
  /** Paths put back (or removed again, for what the request created). */
  restored: string[];
  /** Entries that could not be reversed, one line each. */
  conflicts: string[];
}

export class UndoStore {
  readonly dir: string;
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync, aiosHome: string) {
    this.#db = db;
    this.dir = join(aiosHome, 'undo');
    db.exec(SCHEMA);
  }

  /** A journal that records the undo entries of request `id`. */
  journal(id: string): Journal {
    const base = join(this.dir, id);
    let seq = this.count(id);
    const insert = this.#db.prepare('INSERT INTO atlas_undo (request_id, seq, entry) VALUES (?, ?, ?)');
    const record = (entry: UndoEntry) => insert.run(id, ++seq, JSON.stringify(entry));
    const blob = () => {
      mkdirSync(base, { recursive: true, mode: 0o700 });
      return `b${seq + 1}`;
    };
    return {
      created(path, type) {
        record({ kind: 'created', path, type, hash: type === 'file' ? fingerprint(path) : undefined });
      },
      save(path) {
        const name = blob();
        const st = statSync(path);
        copyFileSync(path, join(base, name));
        record({ kind: 'saved', path, blob: name, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs });
      },
      trash(path) {
        const name = blob();
        record({ kind: 'trashed', path, blob: name });
        move(path, join(base, name));
      },
      moved(from, to) {
        record({ kind: 'moved', from, to });
      },
      appended(path, size) {
        record({
          kind: 'truncated',
          path,
          size,
          hash: prefixHash(path, size),
          mtimeMs: statSync(path).mtimeMs,
        });
      },
      tool(tool, op, data) {
        record({ kind: 'tool', tool, op, data });
      },
    };
  }

  /**
   * Takes over a way back another journal recorded (the planner's, for a plan Atlas ran there):
   * the entry joins request `id`'s journal, and the copy it kept elsewhere (`kept`, for a saved
   * or trashed file) moves into this store, journaled first like a trash.
   */
  adopt(id: string, entry: UndoEntry, kept?: string): void {
    const seq = this.count(id) + 1;
    const insert = this.#db.prepare('INSERT INTO atlas_undo (request_id, seq, entry) VALUES (?, ?, ?)');
    if (kept === undefined || (entry.kind !== 'saved' && entry.kind !== 'trashed')) {
      insert.run(id, seq, JSON.stringify(entry));
      return;
    }
    const base = join(this.dir, id);
    const name = `b${seq}`;
    insert.run(id, seq, JSON.stringify({ ...entry, blob: name }));
    mkdirSync(base, { recursive: true, mode: 0o700 });
    if (exists(kept)) move(kept, join(base, name));
  }

  count(id: string): number {
    const row = this.#db.prepare('SELECT count(*) AS n FROM atlas_undo WHERE request_id = ?').get(id) as {
      n: number;
    };
    return row.n;
  }

  entries(id: string): UndoEntry[] {
    return (
      this.#db.prepare('SELECT entry FROM atlas_undo WHERE request_id = ? ORDER BY seq').all(id) as {
        entry: string;
      }[]
    ).map((r) => JSON.parse(r.entry) as UndoEntry);
  }

  /** Replays request `id`'s journal in reverse. Reversed entries are removed from the journal. */
  async undo(
    id: string,
    tools: ReadonlyMap<string, ToolDef>,
    ctx: ToolContext,
    authorise: (entry: UndoEntry) => void,
  ): Promise<UndoReport> {
    const base = join(this.dir, id);
    const rows = this.#db
      .prepare('SELECT seq, entry FROM atlas_undo WHERE request_id = ? ORDER BY seq DESC')
      .all(id) as { seq: number; entry: string }[];
    const done = this.#db.prepare('DELETE FROM atlas_undo WHERE request_id = ? AND seq = ?');
    const report: UndoReport = { restored: [], conflicts: [] };
    for (const row of rows) {
      const entry = JSON.parse(row.entry) as UndoEntry;
      authorise(entry);
      const problem = await reverse(entry, base, row.seq, tools, ctx, report);
      if (problem) report.conflicts.push(problem);
      else done.run(id, row.seq);
    }
    return report;
  }

  /** Deletes the stored bytes and journal of request `id` (after its undo, or when it expires). */
  forget(id: string): void {
    this.#db.prepare('DELETE FROM atlas_undo WHERE request_id = ?').run(id);
    rmSync(join(this.dir, id), { recursive: true, force: true });
  }
}

async function reverse(
  entry: UndoEntry,
  base: string,
  seq: number,
  tools: ReadonlyMap<string, ToolDef>,
  ctx: ToolContext,
  report: UndoReport,
): Promise<string | undefined> {
  switch (entry.kind) {
    case 'created': {
      if (!exists(entry.path)) return undefined; // already gone: nothing to reverse
      if (entry.type === 'tree') {
        mkdirSync(base, { recursive: true, mode: 0o700 });
        move(entry.path, join(base, `undone${seq}`));
      } else if (entry.type === 'dir') {
        if (readdirSync(entry.path).length > 0)
          return `kept ${entry.path}: the directory is not empty any more`;
        rmdirSync(entry.path);
      } else {
        if (entry.hash !== undefined && fingerprint(entry.path) !== entry.hash)
          return `kept ${entry.path}: it changed after the request created it`;
        mkdirSync(base, { recursive: true, mode: 0o700 });
        move(entry.path, join(base, `undone${seq}`)); // never unlinked at once
      }
      report.restored.push(entry.path);
      return undefined;
    }
    case 'saved': {
      const blob = join(base, entry.blob);
      if (!existsSync(blob)) return `cannot restore ${entry.path}: its saved copy is gone`;
      if (exists(entry.path)) {
        mkdirSync(base, { recursive: true, mode: 0o700 });
        move(entry.path, join(base, `undone${seq}`));
      }
      mkdirSync(dirname(entry.path), { recursive: true });
      copyFileSync(blob, entry.path);
      chmodSync(entry.path, entry.mode);
      utimesSync(entry.path, new Date(), entry.mtimeMs / 1000);
      report.restored.push(entry.path);
      return undefined;
    }
    case 'trashed': {
      const blob = join(base, entry.blob);
      if (!exists(blob) && exists(entry.path)) return undefined; // journaled, then interrupted before the move
      if (!exists(blob)) return `cannot restore ${entry.path}: its stored copy is gone`;
      if (exists(entry.path)) return `cannot restore ${entry.path}: something else is there now`;
      mkdirSync(dirname(entry.path), { recursive: true });
      move(blob, entry.path);
      report.restored.push(entry.path);
      return undefined;
    }
    case 'moved': {
      if (!exists(entry.to) && exists(entry.from)) return undefined; // journaled, then interrupted before the move
      if (!exists(entry.to)) return `cannot move ${entry.to} back: it is not there any more`;
      if (exists(entry.from)) return `cannot move ${entry.to} back to ${entry.from}: that path is taken`;
      mkdirSync(dirname(entry.from), { recursive: true });
      move(entry.to, entry.from);
      report.restored.push(entry.from);
      return undefined;
    }
    case 'truncated': {
      if (!exists(entry.path)) return `cannot shorten ${entry.path}: it is not there any more`;
      if (prefixHash(entry.path, entry.size) !== entry.hash)
        return `kept ${entry.path}: its earlier content changed since`;
      truncateSync(entry.path, entry.size);
      utimesSync(entry.path, new Date(), entry.mtimeMs / 1000);
      report.restored.push(entry.path);
      return undefined;
    }
    case 'tool': {
      const tool = tools.get(entry.tool);
      if (!tool?.undo) return `cannot undo ${entry.tool}.${entry.op}: the tool has no undo`;
      try {
        report.restored.push(await tool.undo(entry.op, entry.data, ctx));
        return undefined;
      } catch (error) {
        return `cannot undo ${entry.tool}.${entry.op}: ${(error as Error).message}`;
      }
    }
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Rename, or copy and remove when the two paths are on different filesystems. */
export function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    rmSync(from, { recursive: true, force: true });
  }
}
