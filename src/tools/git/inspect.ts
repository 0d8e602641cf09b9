/**
 * The git actions that only read (risk 0): status, log and diff. They change nothing, not even
 * the index git would refresh (run.ts turns optional locks off).
 *
 * @example
 * await status.run({ path: '.' }, ctx); // { repo, branch, ahead, behind, clean, files, paths }
 */
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { action } from '../types.ts';
import { parseLog, parseNumstat, parseStatus } from './output.ts';
import { head, Repo, repo } from './repo.ts';
import { git } from './run.ts';

const StatusArgs = z.object(Repo).strict();

export const status = action<z.infer<typeof StatusArgs>>({
  tool: 'git',
  action: 'status',
  summary: 'Branch and changed files of a repository',
  args: StatusArgs,
  risk: 0,
  preview: async (a, ctx) => ({ summary: 'git status', paths: [ctx.paths.resolve(a.path)], bytes: 0 }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    const { branch, ahead, behind, files } = parseStatus(
      await git(ctx, top, ['status', '--porcelain=v1', '-b', '-z']),
      top,
    );
    return {
      repo: top,
      branch,
      ahead,
      behind,
      clean: files.length === 0,
      files,
      paths: files.map((f) => f.path),
    };
  },
});

const LogArgs = z
  .object({
    ...Repo,
    limit: z.number().int().min(1).max(10_000).default(10),
    file: PathArg.optional(),
    count: z.boolean().default(false).describe('Only how many commits there are (git rev-list --count)'),
  })
  .strict();

export const log = action<z.infer<typeof LogArgs>>({
  tool: 'git',
  action: 'log',
  summary: 'Recent commits (hash, author, date, subject)',
  args: LogArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: a.count ? 'count the commits' : `last ${a.limit} commits`,
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    if (!(await head(ctx, top))) return a.count ? { repo: top, count: 0 } : { repo: top, commits: [] };
    if (a.count) {
      const counted = ['rev-list', '--count', 'HEAD'];
      if (a.file) counted.push('--', ctx.paths.resolve(a.file));
      return { repo: top, count: Number((await git(ctx, top, counted)).trim()) };
    }
    const args = ['log', `-n${a.limit}`, '--pretty=format:%H%x1f%an%x1f%aI%x1f%s'];
    if (a.file) args.push('--', ctx.paths.resolve(a.file));
    return { repo: top, commits: parseLog(await git(ctx, top, args)) };
  },
});

const DiffArgs = z.object({ ...Repo, file: PathArg.optional(), staged: z.boolean().default(false) }).strict();

export const diff = action<z.infer<typeof DiffArgs>>({
  tool: 'git',
  action: 'diff',
  summary: 'Changes not yet committed (or staged ones), as a patch',
  args: DiffArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: 'git diff',
    paths: [ctx.paths.resolve(a.file ?? a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...(a.staged ? ['--cached'] : [])];
    if (a.file) args.push('--', ctx.paths.resolve(a.file));
    const text = await git(ctx, top, args);
    const stat = await git(ctx, top, [
      ...args.slice(0, a.staged ? 5 : 4),
      '--numstat',
      ...args.slice(a.staged ? 5 : 4),
    ]);
    const files = parseNumstat(stat, top);
    return { repo: top, text, files, paths: files.map((f) => f.path) };
  },
});
