import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { parseBranches, parseLog, parseNames, parseNumstat, parseStatus } from './output.ts';

/** A repository made by the real git in a test directory: two commits, then a rename, an edit and a new file. */
function repository(t: { after(fn: () => void): void }) {
  const { dir, env } = testEnv(t);
  const top = join(dir, 'repo');
  mkdirSync(top);
  const gitEnv = {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'A',
    GIT_AUTHOR_EMAIL: 'a@example.org',
  };
  Object.assign(gitEnv, { GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: top, env: gitEnv, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(top, 'old name.txt'), 'one\n');
  writeFileSync(join(top, 'notes.txt'), 'a\nb\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'first: with a | and a "quote"');
  git('branch', 'side');
  git('mv', 'old name.txt', 'new name.txt');
  writeFileSync(join(top, 'notes.txt'), 'a\nc\nd\n');
  writeFileSync(join(top, 'fresh.txt'), 'x\n');
  return { top, git };
}

test('status names each changed file once, a renamed one by its new name, with the branch', (t) => {
  const { top, git } = repository(t);
  const status = parseStatus(git('status', '--porcelain=v1', '-b', '-z'), top);
  assert.equal(status.branch, 'main');
  assert.deepEqual([status.ahead, status.behind], [0, 0]);
  assert.deepEqual(status.files.map((f) => [f.path, f.status]).sort(), [
    [join(top, 'fresh.txt'), '??'],
    [join(top, 'new name.txt'), 'R'],
    [join(top, 'notes.txt'), 'M'],
  ]);
});

test('log, numstat, staged names (a rename by its new name) and branches read as git wrote them', (t) => {
  const { top, git } = repository(t);
  const [commit] = parseLog(git('log', '-n1', '--pretty=format:%H%x1f%an%x1f%aI%x1f%s'));
  assert.equal(commit.subject, 'first: with a | and a "quote"');
  assert.equal(commit.author, 'A');
  assert.match(commit.hash, /^[0-9a-f]{40}$/);
  assert.deepEqual(parseNumstat(git('diff', '--numstat'), top), [
    { path: join(top, 'notes.txt'), added: 2, removed: 1 },
  ]);
  assert.deepEqual(parseNames(git('diff', '--cached', '--name-only', '-z'), top), [
    join(top, 'new name.txt'),
  ]);
  assert.deepEqual(parseBranches(git('branch', '--format=%(HEAD)%(refname:short)')), [
    { name: 'main', current: true },
    { name: 'side', current: false },
  ]);
});
