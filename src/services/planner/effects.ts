/**
 * Exactly-once side effects. Before a tool action that changes something runs, the planner
 * writes an idempotency record with a probe of what it is about to change; when the node commits
 * the record is marked done. A record still 'started' on resume is an effect whose outcome is
 * unknown (the system was killed between the record and the commit): the action's own check
 * decides whether it happened (`done`), did not (`not-done`: run it), or cannot be told
 * (`unknown`: a person decides; it is never silently run again).
 *
 * Checks exist for files.append, files.write (a new file or one replaced), files.mkdir, and
 * files.delete, files.move and files.rename (recovery.ts: by the identity of what moved); every
 * other action that changes something has none, so an interrupted one waits for a person. An
 * effect found done carries the way back its journal would have recorded (`undo`), the kept
 * copies included, as far as the probe tells it.
 *
 * @example
 * const probe = probeEffect('files.append', { path, content: 'x' }, ctx, keptDir);
 * store.beginEffect(run, key, node, args, probe);
 * // … killed here, restarted …
 * checkEffect('files.append', args, probe, ctx); // { outcome: 'done', output: { path, bytes } }
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fingerprint, prefixHash } from '../../tools/fingerprint.ts';
import type { Journal, ToolContext } from '../../tools/types.ts';
import { checkMoves, MOVING_ACTIONS, missingDirs, modeAndTime, probeMoves, savedCopy } from './recovery.ts';

export type EffectOutcome =
  | { outcome: 'done'; output: unknown }
  | { outcome: 'not-done' }
  | { outcome: 'unknown'; why: string };

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

function hashOf(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}

/** What the action's check needs to know about the world before the effect; `kept` is where its node's copies go. */
export function probeEffect(
  action: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
  kept: string,
): Record<string, unknown> {
  if (MOVING_ACTIONS.includes(action)) return probeMoves(action, args, ctx, kept);
  const path = typeof args.path === 'string' ? ctx.paths.absolute(args.path) : undefined;
  if (path === undefined) return {};
  switch (action) {
    case 'files.append':
      return { path, size: sizeOf(path) };
    case 'files.write':
      return {
        path,
        hash: hashOf(path),
        size: sizeOf(path),
        ...modeAndTime(path),
        kept,
        dirs: missingDirs(dirname(path)),
      };
    case 'files.mkdir':
      return { path, existed: existsSync(path) };
    default:
      return {};
  }
}

/** Whether an interrupted effect happened, by the action's own check where it has one. */
export function checkEffect(
  action: string,
  args: Record<string, unknown>,
  probe: Record<string, unknown>,
  why = 'the system stopped while it ran',
): EffectOutcome {
  const path = probe.path as string | undefined;
  const unknown = (detail: string): EffectOutcome => ({ outcome: 'unknown', why: `${why}, and ${detail}` });
  if (MOVING_ACTIONS.includes(action)) return checkMoves(action, probe, unknown);
  if (path === undefined) return unknown(`${action} has no check of whether it took effect`);
  switch (action) {
    case 'files.append': {
      const before = Number(probe.size);
      const now = sizeOf(path);
      if (now === before || (before === -1 && now === -1)) return { outcome: 'not-done' };
      const content = String(args.content ?? '');
      const start = Math.max(before, 0);
      if (now > start) {
        const tail = readFileSync(path).subarray(start).toString('utf8');
        if (tail.replace(/^\n/, '').replace(/\n$/, '') === content.replace(/\n$/, ''))
          return {
            outcome: 'done',
            output: { path, bytes: now - start, recovered: true, undo: [appendedOrCreated(path, before)] },
          };
      }
      return unknown(`${path} changed in a way that is not exactly this append`);
    }
    case 'files.write': {
      const now = hashOf(path);
      const content = String(args.content ?? '');
      if (now === sha256(content)) {
        // the way back: remove a file it made (and the folders made for it), or restore the
        // copy it kept of the one it replaced
        const dirs = ((probe.dirs as string[] | undefined) ?? []).map((d) => ({
          kind: 'created',
          path: d,
          type: 'dir',
        }));
        const blob =
          probe.hash === null || typeof probe.kept !== 'string'
            ? undefined
            : savedCopy(probe.kept, Number(probe.size), String(probe.hash));
        const undo =
          probe.hash === null
            ? [...dirs, { kind: 'created', path, type: 'file', hash: fingerprint(path) }]
            : blob === undefined
              ? []
              : [{ kind: 'saved', path, blob, mode: probe.mode, mtimeMs: probe.mtimeMs }];
        return {
          outcome: 'done',
          output: { path, bytes: Buffer.byteLength(content), recovered: true, undo },
        };
      }
      if (now === probe.hash) return { outcome: 'not-done' };
      return unknown(`${path} holds neither its old content nor the new one`);
    }
    case 'files.mkdir':
      return existsSync(path)
        ? {
            outcome: 'done',
            output: {
              path,
              recovered: true,
              undo: probe.existed === false ? [{ kind: 'created', path, type: 'dir' }] : [],
            },
          }
        : { outcome: 'not-done' };
    default:
      return unknown(`${action} has no check of whether it took effect`);
  }
}

/** The way back from an append found done on resume: cut the file back, or remove it if the append made it. */
function appendedOrCreated(path: string, before: number): Record<string, unknown> {
  if (before < 0) return { kind: 'created', path, type: 'file', hash: fingerprint(path) };
  return {
    kind: 'appended',
    path,
    size: before,
    hash: prefixHash(path, before),
    mtimeMs: statSync(path).mtimeMs,
  };
}

/**
 * The journal tool actions write their way back into while a plan's node runs: copies of what
 * they overwrite and what they delete go to `dir` (never unlinked), so a compensation or a person
 * can restore them. The entries are returned with the node's output.
 */
export function planJournal(dir: string, entries: Record<string, unknown>[]): Journal {
  let n = 0;
  const blob = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return join(dir, `${Date.now().toString(36)}-${process.pid}-${n++}`);
  };
  return {
    // With what Atlas's undo checks (a created file's hash, a saved file's mode and time, the
    // bytes an append kept), so a plan Atlas ran can be undone from these entries.
    created: (path, type) =>
      void entries.push({
        kind: 'created',
        path,
        type,
        ...(type === 'file' ? { hash: fingerprint(path) } : {}),
      }),
    save(path) {
      const to = blob();
      const st = statSync(path);
      copyFileSync(path, to);
      entries.push({ kind: 'saved', path, blob: to, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs });
    },
    trash(path) {
      const to = blob();
      entries.push({ kind: 'trashed', path, blob: to });
      try {
        renameSync(path, to);
      } catch {
        cpSync(path, to, { recursive: true });
        rmSync(path, { recursive: true, force: true });
      }
    },
    moved: (from, to) => void entries.push({ kind: 'moved', from, to }),
    appended: (path, size) =>
      void entries.push({
        kind: 'appended',
        path,
        size,
        hash: prefixHash(path, size),
        mtimeMs: statSync(path).mtimeMs,
      }),
    tool: (tool, op, data) => void entries.push({ kind: 'tool', tool, op, data }),
  };
}
