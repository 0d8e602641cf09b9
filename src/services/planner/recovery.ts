/**
 * Recovery checks for the actions that move a file away or replace it: files.delete,
 * files.move, files.rename, and files.write over an existing file. Their probe, taken with the
 * idempotency record before the effect, notes each path's identity (device, inode, type, size)
 * and the node's kept directory. After a kill between the effect and the node's commit, the
 * check looks at the world: every source still where it was is an effect that never ran; every
 * source gone, its identity now at its destination (a move) or in the kept directory (a delete,
 * a replaced destination) is one that ran, and the way back is rebuilt from what is found, so
 * the node commits `recovered` with an undo Atlas can adopt. Anything between the two (part of a
 * many-file move, a path someone else changed) cannot be told and waits for a person.
 *
 * @example
 * const probe = probeMoves('files.delete', { paths: ['a.log'] }, ctx, keptDir);
 * // … killed after the delete, restarted …
 * checkMoves('files.delete', probe); // { outcome: 'done', output: { deleted, undo: [trashed] } }
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deletable, movePairs } from '../../tools/files/change.ts';
import { renamePairs } from '../../tools/files/rename.ts';
import { entryOf, treeSize } from '../../tools/files/walk.ts';
import type { ToolContext } from '../../tools/types.ts';
import type { EffectOutcome } from './effects.ts';

/** What names one file system object whatever its path: a rename keeps it. */
interface Identity {
  dev: number;
  ino: number;
  type: string;
  size: number;
}

interface Move {
  from: string;
  to: string;
  id: Identity;
  /** What was at `to` before (a move that replaces moves it into the kept directory first). */
  clobbered: Identity | null;
}

export const MOVING_ACTIONS = ['files.delete', 'files.move', 'files.rename'];

function identityOf(path: string): Identity | null {
  try {
    const st = lstatSync(path);
    const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : st.isFile() ? 'file' : 'other';
    return { dev: st.dev, ino: st.ino, type, size: type === 'file' ? st.size : 0 };
  } catch {
    return null;
  }
}

const same = (a: Identity | null, b: Identity | null) =>
  a !== null && b !== null && a.dev === b.dev && a.ino === b.ino && a.type === b.type;

/** The directories missing above `dir` (outermost first): the ones an action's mkdirp would make. */
export function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !entryOf(d) && d !== dirname(d); d = dirname(d)) missing.unshift(d);
  return missing;
}

/** The probe of a delete, move or rename: each path's identity, and where kept copies go. */
export function probeMoves(
  action: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
  kept: string,
): Record<string, unknown> {
  try {
    if (action === 'files.delete') {
      const gone = deletable(args as { paths?: string[] }, ctx).map((path) => ({
        path,
        id: identityOf(path),
      }));
      return { kept, gone };
    }
    const list =
      action === 'files.move'
        ? movePairs(args as { paths?: string[]; to: string }, ctx)
        : renamePairs(args as { paths?: string[] }, ctx);
    const dirs = [...new Set(list.flatMap((p) => missingDirs(dirname(p.to))))];
    const moves = list.map((p) => ({ ...p, id: identityOf(p.from), clobbered: identityOf(p.to) }));
    return { kept, moves, dirs };
  } catch {
    return {}; // the action will refuse these arguments itself; nothing to recover
  }
}

/** Whether an interrupted delete, move or rename happened, from its probe. */
export function checkMoves(
  action: string,
  probe: Record<string, unknown>,
  unknown: (detail: string) => EffectOutcome,
): EffectOutcome {
  const kept = probe.kept as string | undefined;
  if (kept === undefined) return unknown(`${action} could not be probed before it ran`);
  const keptCopy = keptIndex(kept);
  if (action === 'files.delete') {
    const gone = probe.gone as { path: string; id: Identity }[];
    const untouched = gone.filter((g) => same(identityOf(g.path), g.id));
    if (untouched.length === gone.length) return { outcome: 'not-done' };
    const undo: Record<string, unknown>[] = [];
    for (const g of gone) {
      const blob = identityOf(g.path) === null ? keptCopy(g.id) : undefined;
      if (blob === undefined) return unknown(`'${g.path}' is neither where it was nor among the kept copies`);
      undo.push({ kind: 'trashed', path: g.path, blob });
    }
    const bytes = undo.reduce((n, e) => n + treeSize(e.blob as string), 0);
    return {
      outcome: 'done',
      output: { deleted: gone.map((g) => g.path), bytes, recovered: true, undo },
    };
  }
  const moves = probe.moves as Move[];
  const untouched = moves.filter(
    (m) =>
      same(identityOf(m.from), m.id) &&
      (m.clobbered === null ? identityOf(m.to) === null : same(identityOf(m.to), m.clobbered)),
  );
  if (untouched.length === moves.length) return { outcome: 'not-done' };
  const undo: Record<string, unknown>[] = ((probe.dirs as string[]) ?? [])
    .filter((d) => existsSync(d))
    .map((path) => ({ kind: 'created', path, type: 'dir' }));
  for (const m of moves) {
    if (identityOf(m.from) !== null || !same(identityOf(m.to), m.id))
      return unknown(`'${m.from}' is neither where it was nor at '${m.to}'`);
    if (m.clobbered !== null) {
      const blob = keptCopy(m.clobbered);
      if (blob === undefined) return unknown(`what '${m.to}' held before is not among the kept copies`);
      undo.push({ kind: 'trashed', path: m.to, blob });
    }
    undo.push({ kind: 'moved', from: m.from, to: m.to });
  }
  const paths = moves.map((m) => m.to);
  const output =
    action === 'files.rename'
      ? { renamed: moves.map((m) => ({ from: m.from, to: m.to })), paths }
      : { paths };
  return { outcome: 'done', output: { ...output, recovered: true, undo } };
}

/**
 * Finds what the kept directory holds by identity (moved there, so the same inode): one pass
 * over the directory, however many paths a delete took.
 */
function keptIndex(kept: string): (id: Identity) => string | undefined {
  let index: Map<string, string> | undefined;
  const key = (id: Identity) => `${id.dev}:${id.ino}:${id.type}`;
  return (id) => {
    if (index === undefined) {
      index = new Map();
      let names: string[] = [];
      try {
        names = readdirSync(kept);
      } catch {
        // nothing was kept
      }
      for (const name of names) {
        const found = identityOf(join(kept, name));
        if (found !== null) index.set(key(found), join(kept, name));
      }
    }
    return index.get(key(id));
  };
}

/** The copy `files.write` saved of the file it replaced: the kept file with the old content's hash. */
export function savedCopy(kept: string, size: number, hash: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(kept);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const path = join(kept, name);
    const id = identityOf(path);
    if (id?.type !== 'file' || id.size !== size) continue;
    if (createHash('sha256').update(readFileSync(path)).digest('hex') === hash) return path;
  }
  return undefined;
}

/** What the way back of a replaced file needs besides its copy: its mode and time before. */
export function modeAndTime(path: string): { mode: number; mtimeMs: number } | undefined {
  try {
    const st = statSync(path);
    return { mode: st.mode & 0o7777, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}
