/**
 * The git tool: status, log, diff (risk 0); add, commit, branch, checkout, stash (risk 1-3),
 * each recording how to go back: the index file is saved before it changes, a commit is
 * reset softly to its parent, a created branch is deleted, a deleted one recreated at its
 * commit, a checkout returns to the previous branch, a stash is popped again. Git runs
 * through run.ts, so nothing a repository configures (hooks, filters, fsmonitor) runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { action, type ToolContext, type ToolDef, ToolError } from '../types.ts';
import { git, runGit } from './run.ts';

const Repo = { path: PathArg.default('.').describe('A directory inside the repository') };
const BranchName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!-)[\w./-]+$/, 'a branch name (letters, digits, . _ / -)');

/** The repository's top directory, checked against the allowed roots. */
async function repo(ctx: ToolContext, path: string): Promise<string> {
  const dir = ctx.paths.resolve(path);
  const top = (await git(ctx, dir, ['rev-parse', '--show-toplevel'])).trim();
  ctx.paths.resolve(top);
  return top;
}

async function head(ctx: ToolContext, top: string): Promise<string | undefined> {
  const r = await runGit(ctx, top, ['rev-parse', '--verify', '-q', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

async function currentBranch(ctx: ToolContext, top: string): Promise<string> {
  const r = await runGit(ctx, top, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : ((await head(ctx, top)) ?? '');
}

/** Saves .git/index for undo before an action changes it. */
function saveIndex(ctx: ToolContext, top: string): void {
  const index = join(top, '.git', 'index');
  if (existsSync(index)) ctx.journal?.save(index);
}

const StatusArgs = z.object(Repo).strict();

const status = action<z.infer<typeof StatusArgs>>({
  tool: 'git',
  action: 'status',
  summary: 'Branch and changed files of a repository',
  args: StatusArgs,
  risk: 0,
  preview: async (a, ctx) => ({ summary: 'git status', paths: [ctx.paths.resolve(a.path)], bytes: 0 }),
  run: async (a, ctx) => {
    const top = await repo(ctx, a.path);
    const out = await git(ctx, top, ['status', '--porcelain=v1', '-b', '-z']);
    const parts = out.split('\0').filter(Boolean);
    const header = parts[0]?.startsWith('## ') ? parts.shift()!.slice(3) : '';
    const files: { path: string; status: string }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const code = parts[i].slice(0, 2);
      files.push({ path: join(top, parts[i].slice(3)), status: code.trim() || code });
      if (code.startsWith('R') || code.startsWith('C')) i++; // the original name follows
    }
    const branch = header.split('...')[0].replace(/^No commits yet on /, '');
    return {
      repo: top,
      branch,
      ahead: Number(/ahead (\d+)/.exec(header)?.[1] ?? 0),
      behind: Number(/behind (\d+)/.exec(header)?.[1] ?? 0),
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

const log = action<z.infer<typeof LogArgs>>({
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
    const out = await git(ctx, top, args);
    const commits = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash, author, date, subject] = line.split('\x1f');
        return { hash, author, date, subject };
      });
    return { repo: top, commits };
  },
});

const DiffArgs = z.object({ ...Repo, file: PathArg.optional(), staged: z.boolean().default(false) }).strict();

const diff = action<z.infer<typeof DiffArgs>>({
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
    const files = stat
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [added, removed, path] = l.split('\t');
        return { path: join(top, path), added: Number(added) || 0, removed: Number(removed) || 0 };
      });
    return { repo: top, text, files, paths: files.map((f) => f.path) };
  },
});

const AddArgs = z
  .object({
    ...Repo,
    paths: z.array(PathArg).min(1).max(10_000).optional().describe('Files to stage'),
    all: z.boolean().default(false).describe('Stage every change, new files included'),
  })
  .strict();

const add = action<z.infer<typeof AddArgs>>({
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
    return {
      repo: top,
      staged: staged
        .split('\0')
        .filter(Boolean)
        .map((p) => join(top, p)),
    };
  },
});

const CommitArgs = z
  .object({
    ...Repo,
    message: z.string().min(1).max(10_000),
    all: z.boolean().default(false).describe('Stage every change first (git commit -a, new files included)'),
  })
  .strict();

const commit = action<z.infer<typeof CommitArgs>>({
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

const branch = action<z.infer<typeof BranchArgs>>({
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
    const branches = out
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ name: l.slice(1), current: l[0] === '*' }));
    return { repo: top, branches, current: branches.find((b) => b.current)?.name ?? null };
  },
});

const CheckoutArgs = z
  .object({ ...Repo, branch: z.string().min(1).max(200), create: z.boolean().default(false) })
  .strict();

const checkout = action<z.infer<typeof CheckoutArgs>>({
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

const stash = action<z.infer<typeof StashArgs>>({
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
      return {
        repo: top,
        stashes: out
          .split('\n')
          .filter(Boolean)
          .map((l) => ({ ref: l.split('\x1f')[0], subject: l.split('\x1f')[1] })),
      };
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

export const gitTool: ToolDef = {
  name: 'git',
  summary: 'Git repositories',
  actions: [status, log, diff, add, commit, branch, checkout, stash],
  async undo(op, data, ctx) {
    const top = String(data.repo);
    switch (op) {
      case 'uncommit': {
        const now = await head(ctx, top);
        if (now !== data.commit)
          throw new ToolError(`HEAD moved since commit ${String(data.commit).slice(0, 8)}; not resetting`);
        if (data.parent) await git(ctx, top, ['reset', '--soft', String(data.parent)]);
        else await git(ctx, top, ['update-ref', '-d', 'HEAD']);
        return `${top}: commit ${String(data.commit).slice(0, 8)} undone (its changes are staged again)`;
      }
      case 'delete-branch':
        await git(ctx, top, ['branch', '-D', String(data.name)]);
        return `${top}: branch ${String(data.name)} deleted`;
      case 'recreate-branch':
        await git(ctx, top, ['branch', String(data.name), String(data.commit)]);
        return `${top}: branch ${String(data.name)} recreated at ${String(data.commit).slice(0, 8)}`;
      case 'checkout-back':
        await git(ctx, top, ['checkout', String(data.to)]);
        if (data.created) await git(ctx, top, ['branch', '-D', String(data.created)]);
        return `${top}: back on ${String(data.to)}`;
      case 'unstash':
        await git(ctx, top, ['stash', 'pop']);
        return `${top}: stashed changes restored`;
      case 'restash': {
        const patch = await git(ctx, top, [
          'stash',
          'show',
          '-p',
          '--no-ext-diff',
          '--no-textconv',
          String(data.commit),
        ]);
        await git(ctx, top, ['apply', '-R'], patch);
        await git(ctx, top, ['stash', 'store', '-m', String(data.subject), String(data.commit)]);
        return `${top}: stash ${String(data.commit).slice(0, 8)} put back`;
      }
      default:
        throw new ToolError(`Unknown git undo '${op}'`);
    }
  },
};
