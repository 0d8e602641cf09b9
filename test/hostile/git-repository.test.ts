/**
 * A repository can name programs for git to run: an fsmonitor, an external diff, a pager,
 * hooks, clean/smudge filters, textconv, merge drivers, a signing program, an editor, and
 * config files included from elsewhere. Atlas's git actions, read-only or not, must run none
 * of them: each configured program here would leave a marker file, and none may appear.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toolContext } from '../../src/shell/context.ts';
import { findAction } from '../../src/tools/registry.ts';
import type { Journal, ToolContext } from '../../src/tools/types.ts';
import { testEnv } from '../helpers/env.ts';

const VECTORS = [
  'fsmonitor',
  'external-diff',
  'pager',
  'status-pager',
  'hooks-path',
  'clean',
  'smudge',
  'process',
  'textconv',
  'diff-command',
  'merge-driver',
  'gpg',
  'editor',
  'included-diff',
] as const;
const HOOKS = [
  'pre-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'post-checkout',
  'post-index-change',
  'reference-transaction',
  'pre-auto-gc',
];

/** A repository whose config names a marker-leaving program for every vector. */
function hostileRepo(dir: string): { repo: string; markers: string } {
  const repo = join(dir, 'repo');
  const markers = join(dir, 'markers');
  const bin = join(dir, 'bin');
  for (const d of [repo, markers, bin, join(dir, 'evil-hooks')]) mkdirSync(d, { recursive: true });
  const program = (name: string, path = join(bin, name)) => {
    // Passes its input through, so a filter or pager "works" and git carries on.
    writeFileSync(
      path,
      `#!/bin/sh\ntouch '${join(markers, name)}'\ncat >/dev/null 2>&1 </dev/null\nexit 0\n`,
    );
    chmodSync(path, 0o755);
    return path;
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: gitEnv(dir) });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'a.txt'), 'one\n');
  writeFileSync(join(repo, 'b.txt'), 'two\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  const set = (key: string, value: string) => git('config', key, value);
  set('core.fsmonitor', program('fsmonitor'));
  set('diff.external', program('external-diff'));
  set('core.pager', program('pager'));
  set('pager.status', program('status-pager'));
  set('core.hooksPath', join(dir, 'evil-hooks'));
  for (const hook of HOOKS) program(`hooks-path`, join(dir, 'evil-hooks', hook));
  for (const hook of HOOKS) program(hook, join(repo, '.git', 'hooks', hook));
  set('filter.evil.clean', program('clean'));
  set('filter.evil.smudge', program('smudge'));
  set('filter.evil.process', program('process'));
  set('diff.evil.textconv', program('textconv'));
  set('diff.evil.command', program('diff-command'));
  set('merge.evil.driver', program('merge-driver'));
  set('gpg.program', program('gpg'));
  set('commit.gpgSign', 'true');
  set('log.showSignature', 'true');
  set('core.editor', program('editor'));
  set('gc.auto', '1');
  const included = join(dir, 'included.config');
  writeFileSync(included, `[diff]\n\texternal = ${program('included-diff')}\n`);
  set('include.path', included);
  writeFileSync(join(repo, '.git', 'info', 'attributes'), '* filter=evil diff=evil merge=evil\n');
  return { repo, markers };
}

/** Git for setting the fixture up: the test's own HOME, no system config. */
function gitEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
}

function journal(): Journal {
  return { created() {}, save() {}, trash() {}, moved() {}, appended() {}, tool() {} };
}

async function act(ctx: ToolContext, name: string, args: Record<string, unknown>): Promise<unknown> {
  const def = findAction('git', name)!;
  const parsed = def.args.parse(args);
  await def.preview(parsed, ctx);
  return def.run(parsed, ctx);
}

test('git actions on a hostile repository run none of the programs it configures', async (t) => {
  const env = testEnv(t);
  const { repo, markers } = hostileRepo(env.dir);
  // The process's own environment may also name programs: those are dropped too.
  const saved = { GIT_EXTERNAL_DIFF: process.env.GIT_EXTERNAL_DIFF, HOME: process.env.HOME };
  process.env.GIT_EXTERNAL_DIFF = join(env.dir, 'bin', 'external-diff');
  process.env.HOME = join(env.dir, 'home');
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  mkdirSync(join(env.dir, 'home'), { recursive: true });
  writeFileSync(join(env.dir, 'home', '.gitconfig'), '[user]\n\tname = T\n\temail = t@example.com\n');
  const ctx: ToolContext = {
    ...toolContext({ cwd: repo, home: join(env.dir, 'home'), roots: [env.dir], forbidden: [env.aiosHome] }),
    journal: journal(),
  };

  writeFileSync(join(repo, 'a.txt'), 'one changed\n');
  const status = (await act(ctx, 'status', {})) as { files: { path: string }[] };
  assert.deepEqual(
    status.files.map((f) => f.path),
    [join(repo, 'a.txt')],
  );
  const diff = (await act(ctx, 'diff', {})) as { text: string };
  assert.match(diff.text, /\+one changed/);
  await act(ctx, 'log', { limit: 5 });
  await act(ctx, 'branch', {});
  await act(ctx, 'add', { all: true });
  await act(ctx, 'diff', { staged: true });
  await act(ctx, 'commit', { message: 'second' });
  await act(ctx, 'checkout', { branch: 'side', create: true });
  writeFileSync(join(repo, 'b.txt'), 'two changed\n');
  await act(ctx, 'stash', { op: 'push' });
  await act(ctx, 'stash', { op: 'list' });
  await act(ctx, 'stash', { op: 'pop' });
  await act(ctx, 'status', {});

  assert.deepEqual(readdirSync(markers), [], 'a configured program ran');
  for (const v of [...VECTORS, ...HOOKS]) assert.equal(existsSync(join(markers, v)), false, v);
});
