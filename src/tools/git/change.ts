/**
 * The git actions that change a repository (risk 1-3), each journaling how to go back before
 * or as it changes anything: add, commit and stash pop save the index, commit records its parent,
 * branch records the commit of a branch it creates or deletes, checkout the branch it left,
 * stash push the stash it made (undo.ts reverses them).
 *
 * @example
 * await commit.run({ path: '.', message: 'notes', all: true }, ctx); // { repo, commit, message }
 */
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { action } from '../types.ts';
import { parseBranches, parseNames, parseStashes } from './output.ts';
import { BranchName, currentBranch, head, Repo, repo, saveIndex } from './repo.ts';
import { git, runGit } from './run.ts';

const AddArgs = z
  .object({
    ...Repo,
    paths: z.array(PathArg).min(1).max(10_000).optional().describe('Files to stage'),
    all: z.boolean().default(false).describe('Stage every change, new files included'),
  })
  .strict();

export const add = action<z.infer<typeof AddArgs>>({
  tool: 'git',
  action: 'add',
  summary: 'Stage changes for the next commit (undo restores the index)',
  args: AddArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const files = (a.paths ?? []).map((p) => ctx.paths.resolve(p));
    return {
      summary: a.all || files.length === 0 ? 'stage every change' : `stage ${files.length} files`,
      paths: files,
      bytes: 0,
    };
  },
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    saveIndex(ctx, top);
    const files = (a.paths ?? []).map((p) => ctx.paths.resolve(p));
    await git(ctx, top, a.all || files.length === 0 ? ['add', '-A'] : ['add', '--', ...files]);
    const staged = await git(ctx, top, ['diff', '--cached', '--name-only', '-z']);
    return { repo: top, staged: parseNames(staged, top) };
  },
});

const CommitArgs = z
  .object({
    ...Repo,
    message: z.string().min(1).max(10_000),
    all: z.boolean().default(false).describe('Stage every change first (git commit -a, new files included)'),
  })
  .strict();

export const commit = action<z.infer<typeof CommitArgs>>({
  tool: 'git',
  action: 'commit',
  summary: 'Record staged changes as a commit (undo resets softly to its parent)',
  args: CommitArgs,
  risk: 1,
  preview: async (a, ctx) => ({
    summary: `commit${a.all ? ' every change' : ''}: "${a.message}"`,
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    saveIndex(ctx, top);
    const before = await head(ctx, top);
    if (a.all) await git(ctx, top, ['add', '-A']);
    await git(ctx, top, ['commit', '-m', a.message]);
    const after = (await head(ctx, top))!;
    ctx.journal?.tool('git', 'uncommit', { repo: top, commit: after, parent: before ?? null });
    return { repo: top, commit: after, message: a.message };
  },
});

const BranchArgs = z
  .object({
    ...Repo,
    name: BranchName.optional().describe('Create this branch (omit to list branches)'),
    from: z.string().max(200).optional().describe('Start point of the new branch'),
    delete: BranchName.optional().describe('Delete this branch'),
  })
  .strict();

export const branch = action<z.infer<typeof BranchArgs>>({
  tool: 'git',
  action: 'branch',
  summary: 'List branches, create one, or delete one (risk 3; undo recreates it)',
  args: BranchArgs,
  risk: 0,
  maxRisk: 3,
  preview: async (a, ctx) => {
    const paths = [ctx.paths.resolve(a.path)];
    if (a.delete) return { summary: `delete branch ${a.delete}`, paths, bytes: 0, risk: 3 };
    if (a.name)
      return {
        summary: `create branch ${a.name}${a.from ? ` from ${a.from}` : ''}`,
        paths,
        bytes: 0,
        risk: 1,
      };
    return { summary: 'list branches', paths, bytes: 0 };
  },
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    if (a.delete) {
      const at = (await git(ctx, top, ['rev-parse', '--verify', `refs/heads/${a.delete}`])).trim();
      ctx.journal?.tool('git', 'recreate-branch', { repo: top, name: a.delete, commit: at });
      await git(ctx, top, ['branch', '-D', a.delete]);
      return { repo: top, deleted: a.delete, commit: at };
    }
    if (a.name) {
      await git(ctx, top, ['branch', a.name, ...(a.from ? [a.from] : [])]);
      const at = (await git(ctx, top, ['rev-parse', `refs/heads/${a.name}`])).trim();
      ctx.journal?.tool('git', 'delete-branch', { repo: top, name: a.name, commit: at });
      return { repo: top, created: a.name, commit: at };
    }
    const out = await git(ctx, top, ['branch', '--format=%(HEAD)%(refname:short)']);
    const branches = parseBranches(out);
    return { repo: top, branches, current: branches.find((b) => b.current)?.name ?? null };
  },
});

const CheckoutArgs = z
  .object({ ...Repo, branch: z.string().min(1).max(200), create: z.boolean().default(false) })
  .strict();

export const checkout = action<z.infer<typeof CheckoutArgs>>({
  tool: 'git',
  action: 'checkout',
  summary: 'Switch to a branch (optionally creating it); undo switches back',
  args: CheckoutArgs,
  risk: 1,
  preview: async (a, ctx) => ({
    summary: `switch to ${a.create ? 'new ' : ''}branch ${a.branch}`,
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    const previous = await currentBranch(ctx, top);
    await git(ctx, top, ['checkout', ...(a.create ? ['-b'] : []), a.branch]);
    ctx.journal?.tool('git', 'checkout-back', {
      repo: top,
      to: previous,
      created: a.create ? a.branch : null,
    });
    return { repo: top, branch: a.branch, previous };
  },
});

const StashArgs = z
  .object({
    ...Repo,
    op: z.enum(['push', 'pop', 'list']).default('push'),
    message: z.string().max(500).optional(),
  })
  .strict();

export const stash = action<z.infer<typeof StashArgs>>({
  tool: 'git',
  action: 'stash',
  summary: 'Put uncommitted changes aside (push), bring them back (pop), or list stashes',
  args: StashArgs,
  risk: 0,
  maxRisk: 2,
  preview: async (a, ctx) => ({
    summary:
      a.op === 'list'
        ? 'list stashes'
        : a.op === 'push'
          ? 'stash uncommitted changes'
          : 'apply and drop the latest stash',
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
    risk: a.op === 'push' ? 1 : a.op === 'pop' ? 2 : undefined,
  }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    if (a.op === 'list') {
      const out = await git(ctx, top, ['stash', 'list', '--format=%gd%x1f%s']);
      return { repo: top, stashes: parseStashes(out) };
    }
    if (a.op === 'push') {
      const before = await runGit(ctx, top, ['rev-parse', '-q', '--verify', 'refs/stash']);
      await git(ctx, top, ['stash', 'push', ...(a.message ? ['-m', a.message] : [])]);
      const after = (await git(ctx, top, ['rev-parse', 'refs/stash'])).trim();
      if (after === before.stdout.trim()) return { repo: top, stashed: false };
      ctx.journal?.tool('git', 'unstash', { repo: top, commit: after });
      return { repo: top, stashed: true, commit: after };
    }
    const hash = (await git(ctx, top, ['rev-parse', 'refs/stash'])).trim();
    const subject = (await git(ctx, top, ['log', '-1', '--format=%s', hash])).trim();
    saveIndex(ctx, top);
    await git(ctx, top, ['stash', 'pop']);
    ctx.journal?.tool('git', 'restash', { repo: top, commit: hash, subject });
    return { repo: top, popped: hash };
  },
});
