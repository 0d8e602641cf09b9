/**
 * Parsers of git's machine-readable output: `status --porcelain=v1 -b -z`, log and stash lines
 * whose fields are split by \x1f (a byte no subject or name holds), `--numstat`, NUL-separated
 * name lists and `branch --format=%(HEAD)%(refname:short)`. Paths come back absolute, joined
 * to the repository's top directory.
 *
 * @example
 * const { branch, files } = parseStatus(await git(ctx, top, ['status', '--porcelain=v1', '-b', '-z']), top);
 */
import { join } from 'node:path';

export interface StatusOf {
  branch: string;
  ahead: number;
  behind: number;
  files: { path: string; status: string }[];
}

/** `git status --porcelain=v1 -b -z`: the branch line, then one entry per changed file. */
export function parseStatus(out: string, top: string): StatusOf {
  const parts = out.split('\0').filter(Boolean);
  const header = parts[0]?.startsWith('## ') ? parts.shift()!.slice(3) : '';
  const files: { path: string; status: string }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const code = parts[i].slice(0, 2);
    files.push({ path: join(top, parts[i].slice(3)), status: code.trim() || code });
    if (code.startsWith('R') || code.startsWith('C')) i++; // the original name follows
  }
  return {
    branch: header.split('...')[0].replace(/^No commits yet on /, ''),
    ahead: Number(/ahead (\d+)/.exec(header)?.[1] ?? 0),
    behind: Number(/behind (\d+)/.exec(header)?.[1] ?? 0),
    files,
  };
}

/** `git log --pretty=format:%H%x1f%an%x1f%aI%x1f%s`. */
export function parseLog(out: string): { hash: string; author: string; date: string; subject: string }[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hash, author, date, subject] = line.split('\x1f');
      return { hash, author, date, subject };
    });
}

/** `git diff --numstat`: lines added and removed per file (a binary file counts 0). */
export function parseNumstat(out: string, top: string): { path: string; added: number; removed: number }[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [added, removed, path] = l.split('\t');
      return { path: join(top, path), added: Number(added) || 0, removed: Number(removed) || 0 };
    });
}

/** A NUL-separated list of paths (`--name-only -z`). */
export function parseNames(out: string, top: string): string[] {
  return out
    .split('\0')
    .filter(Boolean)
    .map((p) => join(top, p));
}

/** `git branch --format=%(HEAD)%(refname:short)`: '*' marks the current branch. */
export function parseBranches(out: string): { name: string; current: boolean }[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ name: l.slice(1), current: l[0] === '*' }));
}

/** `git stash list --format=%gd%x1f%s`. */
export function parseStashes(out: string): { ref: string; subject: string }[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ ref: l.split('\x1f')[0], subject: l.split('\x1f')[1] }));
}
