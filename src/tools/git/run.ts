/**
 * Running git so that it runs nothing else. A repository's config (and files it includes)
 * can name programs for git to start: an fsmonitor, hooks, an external diff, clean/smudge
 * filters, textconv, merge drivers, a pager, an editor, a signing program, a transport for
 * fetching missing objects. Opening a folder someone else prepared and asking "git status"
 * must not run their code, so every git call here goes out with those settings overridden
 * at command scope (which beats the repository's own), system config ignored, and the
 * caller's GIT_* environment dropped. Repositories owned by another user stay refused:
 * git's own safe.directory check applies, and only the user's ~/.gitconfig can widen it.
 *
 * What is lost: hooks and filters (git-lfs, for one) do not run for Atlas's git actions. A
 * filter marked `required` makes git fail rather than stage unfiltered content.
 *
 * @example
 * const out = await git(ctx, top, ['status', '--porcelain=v1']);
 */
import type { RunResult } from '../../platform/exec.ts';
import { type ToolContext, ToolError } from '../types.ts';

/** How long one git command may run. */
const GIT_TIMEOUT_MS = 60_000;

/** Settings that start programs, switched off whatever the repository says. */
const OFF: readonly (readonly [string, string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  ['sequence.editor', 'false'],
  ['core.sshCommand', 'false'],
  ['core.askPass', ''],
  ['credential.helper', ''],
  ['diff.external', ''],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['log.showSignature', 'false'],
  ['merge.verifySignatures', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['protocol.allow', 'never'],
  ['submodule.recurse', 'false'],
  ['diff.ignoreSubmodules', 'all'],
  ['status.submoduleSummary', 'false'],
];

/** Per-driver settings (filter.<name>.clean, diff.<name>.textconv, …) that name a program. */
const DRIVER_PROGRAM =
  /^(filter\..+\.(clean|smudge|process)|diff\..+\.(textconv|command)|merge\..+\.driver)$/i;

/** The process environment without anything git reads to find programs or other repositories. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GIT_') && !/^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE)$/.test(k)) continue;
    if (k === 'PAGER' || k === 'EDITOR' || k === 'VISUAL' || k === 'SSH_ASKPASS') continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    // Set, so no configured protocol.<name>.allow can let a lazy fetch start a transport.
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_NO_LAZY_FETCH: '1',
    // Otherwise "git status" rewrites the index to refresh it: a read-only action writes nothing.
    GIT_OPTIONAL_LOCKS: '0',
  };
}

/** `overrides` as GIT_CONFIG_* variables: command scope, and no quoting of odd driver names. */
function withConfig(
  env: NodeJS.ProcessEnv,
  overrides: readonly (readonly [string, string])[],
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, GIT_CONFIG_COUNT: String(overrides.length) };
  overrides.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${i}`] = key;
    out[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return out;
}

/** The driver programs named by every config file git would read in `dir`, each overridden. */
async function driverOverrides(ctx: ToolContext, dir: string, env: NodeJS.ProcessEnv) {
  const r = await ctx.exec('git', ['config', '--list', '--name-only', '-z'], {
    cwd: dir,
    env: withConfig(env, OFF),
    timeoutMs: GIT_TIMEOUT_MS,
  });
  if (r.missing) throw new ToolError('git is not installed here');
  if (r.code !== 0) throw new ToolError(`git cannot read the repository's config: ${lastLines(r)}`);
  const keys = new Set(r.stdout.split('\0').filter((k) => DRIVER_PROGRAM.test(k)));
  // An empty filter is no filter. An empty merge driver makes git fail the whole merge, while
  // `false` (a program of ours) reports a conflict a person can resolve.
  return [...keys].map((k) => [k, /\.driver$/i.test(k) ? 'false' : ''] as const);
}

/** Runs `git args` in `dir` with every program-starting setting off; the raw result. */
export async function runGit(
  ctx: ToolContext,
  dir: string,
  args: string[],
  input?: string,
): Promise<RunResult> {
  const env = baseEnv();
  const overrides = [...OFF, ...(await driverOverrides(ctx, dir, env))];
  return ctx.exec('git', ['--no-pager', ...args], {
    cwd: dir,
    input,
    env: withConfig(env, overrides),
    timeoutMs: GIT_TIMEOUT_MS,
  });
}

/** Runs `git args` in `dir` and returns its output; a failure is a ToolError a person can act on. */
export async function git(ctx: ToolContext, dir: string, args: string[], input?: string): Promise<string> {
  const r = await runGit(ctx, dir, args, input);
  if (r.missing) throw new ToolError('git is not installed here');
  if (r.code !== 0) {
    const why = lastLines(r);
    if (/not a git repository/i.test(why))
      throw new ToolError(`'${ctx.paths.display(dir)}' is not inside a git repository`);
    throw new ToolError(`git ${args[0]} failed: ${why}`);
  }
  return r.stdout;
}

function lastLines(r: RunResult): string {
  return (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
}
