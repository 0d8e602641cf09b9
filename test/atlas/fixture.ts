/**
 * The fixture the labelled requests run against: a home directory with a Downloads folder
 * and a work directory of ordinary files (notes, logs of different ages, pictures, archives,
 * duplicates, a source tree), with fixed sizes and modification times so that "the 5 biggest
 * files" or "logs older than 30 days" have one right answer. Variants add a git repository,
 * an npm project, or a running program.
 *
 * @example
 * const templates = buildTemplates(tmp);
 * const { root, cwd } = instance(templates, 'git', join(tmp, 'case-1'));
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import * as tar from 'tar';

const DAY = 86_400_000;

export type Variant = 'base' | 'git' | 'npm';

export interface Templates {
  dir: string;
  now: number;
}

/** Deterministic bytes (with NULs, so they read as binary). */
function blob(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = i % 97 === 0 ? 0 : x & 0xff;
  }
  return b;
}

function put(root: string, rel: string, data: string | Buffer, ageMs: number, now: number): void {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  const t = new Date(now - ageMs);
  utimesSync(path, t, t);
}

const LOG = (n: number, every: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `2024-05-0${(i % 9) + 1} 10:${String(i % 60).padStart(2, '0')} ${i % every === 0 ? 'ERROR disk full' : 'INFO request ok'}`,
  ).join('\n') + '\n';

function base(root: string, now: number): void {
  const w = (rel: string, data: string | Buffer, ageDays = 1) =>
    put(join(root, 'work'), rel, data, ageDays * DAY, now);
  const h = (rel: string, data: string | Buffer, ageDays = 1) => put(root, rel, data, ageDays * DAY, now);
  w(
    'notes.txt',
    'Meeting notes\nTODO: call Bob about the budget\nThe database is slow\nfoo bar foo\nEnd of notes\n',
    2,
  );
  w('todo.txt', 'buy milk\nwrite report\n', 0.5);
  w('README.md', '# Project\n\nThis project uses a database.\nSee docs/guide.md.\n', 5);
  w('report.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), blob(120 * 1024, 1)]), 20);
  w(
    'data.csv',
    `id,name,value\n${Array.from({ length: 49 }, (_, i) => `${i + 1},item${i + 1},${(i * 7) % 100}`).join('\n')}\n`,
    3,
  );
  put(join(root, 'work'), 'app.log', LOG(30, 5), 3_600_000, now);
  w('old.log', LOG(10, 3), 40);
  w('debug.log', LOG(12, 4), 10);
  w('big.bin', blob(600 * 1024, 2), 7);
  w('medium.dat', blob(250 * 1024, 3), 8);
  w('photo.jpg', blob(80 * 1024, 4), 400);
  w('screenshot.png', blob(40 * 1024, 5), 200);
  w('song.mp3', blob(150 * 1024, 6), 90);
  w('draft.tmp', 'scratch\n', 3);
  w('cache.tmp', 'cached\n', 3);
  w('empty.txt', '', 2);
  w('dup-a.txt', 'same content in two files\n', 4);
  w('dup-b.txt', 'same content in two files\n', 4);
  w('config.json', '{\n  "url": "http://example.com",\n  "debug": true\n}\n', 6);
  w('.hidden', 'secret\n', 6);
  w('docs/guide.md', '# Guide\nInstall it.\nUse the database wisely.\n', 12);
  w('docs/guide-copy.md', '# Guide\nInstall it.\nUse the database wisely.\n', 12);
  w('docs/api.md', '# API\nGET /items\n', 12);
  w('docs/manual.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), blob(30 * 1024, 7)]), 29);
  w(
    'src/main.js',
    "// TODO: handle errors\nconst db = require('./util');\nconsole.log('database ready');\n",
    2,
  );
  w('src/util.js', 'module.exports = { answer: 42 };\n', 2);
  w('src/lib/helper.py', 'def helper():\n    # TODO: write it\n    return 1\n', 2);
  w('logs/server.log', LOG(20, 4), 2);
  w('logs/access.log', LOG(40, 1000), 60);
  mkdirSync(join(root, 'work', 'empty-dir'), { recursive: true });
  w(
    'archive.zip',
    Buffer.from(
      zipSync({
        'hello.txt': Buffer.from('hello from the zip\n'),
        'inner/readme.txt': Buffer.from('inside\n'),
      }),
    ),
    15,
  );
  h('Downloads/invoice.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), blob(20 * 1024, 8)]), 5);
  h('Downloads/holiday.jpg', blob(60 * 1024, 9), 35);
  h('Downloads/tune.mp3', blob(30 * 1024, 10), 70);
  h('Downloads/setup.zip', Buffer.from(zipSync({ 'setup.txt': Buffer.from('setup\n') })), 5);
  h('Downloads/letter.txt', 'Dear Sir\n', 5);
  h('videos/trip.mp4', blob(900 * 1024, 11), 100);
}

/** Builds each variant once; cases copy them. */
export async function buildTemplates(dir: string): Promise<Templates> {
  const now = Date.now();
  const b = join(dir, 'base');
  base(b, now);
  await tar.create(
    { gzip: true, file: join(b, 'work', 'backup.tar.gz'), cwd: join(b, 'work'), portable: true },
    ['config.json', 'todo.txt'],
  );
  const old = new Date(now - 15 * DAY);
  utimesSync(join(b, 'work', 'backup.tar.gz'), old, old);

  const g = join(dir, 'git');
  cpSync(b, g, { recursive: true, preserveTimestamps: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: join(g, 'work'), stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Atlas Test');
  git('config', 'user.email', 'atlas@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial commit');
  writeFileSync(join(g, 'work', 'src', 'util.js'), 'module.exports = { answer: 43 };\n');
  git('commit', '-q', '-am', 'Change the answer');
  git('branch', 'experiment');
  writeFileSync(
    join(g, 'work', 'notes.txt'),
    'Meeting notes\nTODO: call Bob about the budget\nchanged line\n',
  );
  writeFileSync(join(g, 'work', 'new.txt'), 'a new file\n');

  const n = join(dir, 'npm');
  cpSync(b, n, { recursive: true, preserveTimestamps: true });
  const w = join(n, 'work');
  writeFileSync(
    join(w, 'package.json'),
    `${JSON.stringify({ name: 'proj', version: '1.0.0', dependencies: { 'left-pad': '^1.3.0' } }, null, 2)}\n`,
  );
  mkdirSync(join(w, 'node_modules', 'left-pad'), { recursive: true });
  writeFileSync(
    join(w, 'node_modules', 'left-pad', 'package.json'),
    '{"name":"left-pad","version":"1.3.0"}\n',
  );
  mkdirSync(join(w, 'vendor', 'tiny-lib'), { recursive: true });
  writeFileSync(
    join(w, 'vendor', 'tiny-lib', 'package.json'),
    '{"name":"tiny-lib","version":"1.2.3","main":"index.js"}\n',
  );
  writeFileSync(join(w, 'vendor', 'tiny-lib', 'index.js'), 'module.exports = 1;\n');
  return { dir, now };
}

/** A fresh copy of a variant for one case: HOME is `root`, the request runs in root/work. */
export function instance(t: Templates, variant: Variant, root: string): { root: string; cwd: string } {
  cpSync(join(t.dir, variant), root, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  return { root, cwd: join(root, 'work') };
}
