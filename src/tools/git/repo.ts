/**
 * The repository an action works in, and what the actions read of it before they change it:
 * its top directory (checked against the allowed roots), HEAD, the current branch, and a copy
 * of the index for undo. Also the argument pieces every action shares.
 *
 * @example
 * const top = await repo(ctx, a.path);
 * saveIndex(ctx, top);
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import type { ToolContext } from '../types.ts';
import { git, runGit } from './run.ts';

export const Repo = { path: PathArg.default('.').describe('A directory inside the repository') };

export const BranchName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!-)[\w./-]+$/, 'a branch name (letters, digits, . _ / -)');

/** The repository's top directory, checked against the allowed roots. */
export async function repo(ctx: ToolContext, path: string): Promise<string> {
  const dir = ctx.paths.resolve(path);
  const top = (await git(ctx, dir, ['rev-parse', '--show-toplevel'])).trim();
  ctx.paths.resolve(top);
  return top;
}

export async function head(ctx: ToolContext, top: string): Promise<string | undefined> {
  const r = await runGit(ctx, top, ['rev-parse', '--verify', '-q', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function currentBranch(ctx: ToolContext, top: string): Promise<string> {
  const r = await runGit(ctx, top, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : ((await head(ctx, top)) ?? '');
}

/** Saves .git/index for undo before an action changes it. */
export function saveIndex(ctx: ToolContext, top: string): void {
  const index = join(top, '.git', 'index');
  if (existsSync(index)) ctx.journal?.save(index);
}
