import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { configuresExecution } from './exec-config.ts';

test('startup files, hooks, keys, units and PATH dirs configure execution; ordinary files do not', (t) => {
  const { dir } = testEnv(t);
  const home = join(dir, 'home');
  const repo = join(home, 'src', 'app');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, 'notes.txt'), '');
  symlinkSync(join(repo, '.git', 'config'), join(repo, 'innocent.txt'));
  const yes = [
    join(repo, '.git', 'config'),
    join(repo, '.git', 'hooks', 'pre-commit'),
    join(repo, '.husky', 'pre-commit'),
    join(repo, '.gitattributes'),
    join(repo, '.env.local'),
    join(repo, '.envrc'),
    join(repo, 'innocent.txt'),
    join(home, '.bashrc'),
    join(home, '.ssh', 'authorized_keys'),
    join(home, '.config', 'systemd', 'user', 'x.service'),
    join(home, '.config'),
    join(home, '.local', 'bin', 'git'),
    join(home, '.local', 'lib', 'python3.12', 'site-packages', 'x.pth'),
    '/etc/cron.d/job',
  ];
  for (const p of yes) assert.notEqual(configuresExecution(p, home), undefined, p);
  const no = [
    join(repo, 'notes.txt'),
    join(repo, '.gitignore'),
    join(repo, 'src', 'index.ts'),
    repo,
    home,
    join(home, '.config', 'mpv', 'mpv.conf'),
    join(home, 'Documents', 'bin.txt'),
  ];
  for (const p of no) assert.equal(configuresExecution(p, home), undefined, p);
});
