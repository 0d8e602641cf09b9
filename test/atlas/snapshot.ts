/**
 * A tree as data, to prove an undo complete: every path with its type, size, mode, content
 * hash (files), target (symlinks) and, for files, modification time. Two snapshots equal
 * means the same paths with byte-identical content.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Snapshot = Record<string, string>;

export function snapshot(root: string, options: { skip?: string[]; mtimes?: boolean } = {}): Snapshot {
  const out: Snapshot = {};
  const skip = new Set(options.skip ?? []);
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (skip.has(rel)) continue;
      const st = lstatSync(path);
      const mode = (st.mode & 0o777).toString(8);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(path)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${mode}`;
        visit(path);
      } else {
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
        out[rel] =
          `file ${mode} ${st.size} ${hash}${options.mtimes === false ? '' : ` ${Math.round(st.mtimeMs)}`}`;
      }
    }
  };
  visit(root);
  return out;
}

/** The differences between two snapshots, one line each (empty when equal). */
export function diff(a: Snapshot, b: Snapshot): string[] {
  const lines: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] !== b[k]) lines.push(`${k}: ${a[k] ?? '(absent)'} -> ${b[k] ?? '(absent)'}`);
  }
  return lines.sort();
}
