import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { OfflineTranslator } from './translator.ts';

/** A home with Desktop and Downloads, and a work folder with an inbox and a music folder. */
function home(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  const put = (rel: string, text = 'x') => {
    mkdirSync(dirname(join(env.home, rel)), { recursive: true });
    writeFileSync(join(env.home, rel), text);
  };
  put('.profile', '# profile\n');
  put('Desktop/invoice.pdf');
  put('Downloads/fotos.zip');
  put('Downloads/memo.md', 'hello\n');
  put('work/inbox/one.eml');
  put('work/inbox/two.eml');
  put('work/music/tune.mp3');
  put('work/docs/manual.md');
  put('work/a.txt');
  put('work/draft.md');
  mkdirSync(join(cwd, 'notes'));
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();
const steps = (request: string, c: { cwd: string; home: string }) => {
  const out = t.translateSync(request, c);
  assert.ok(out.plan, `${request}: ${out.clarify}`);
  return out.plan.steps.map((s) => ({ action: `${s.tool}.${s.action}`, ...s.args }));
};

test('a file is taken from the folder the request names, here or in the home directory', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('move invoice.pdf from my desktop to here', c), [
    { action: 'files.move', paths: ['~/Desktop/invoice.pdf'], to: '.' },
  ]);
  assert.deepEqual(steps('open memo.md in my downloads', c), [
    { action: 'files.read', path: '~/Downloads/memo.md' },
  ]);
  assert.deepEqual(steps('extract fotos.zip from the downloads folder', c), [
    { action: 'files.extract', path: '~/Downloads/fotos.zip' },
  ]);
  assert.deepEqual(steps('show the manual in docs', c), [{ action: 'files.read', path: 'docs/manual.md' }]);
});

test('"my .profile" is the start-up file of the home directory, not an extension', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('show my .profile', c), [{ action: 'files.read', path: '~/.profile' }]);
});

test('"here", "up here" and "into this directory" put things in the current folder', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('bring everything in the inbox folder up here', c), [
    { action: 'files.find', path: 'inbox', recursive: false },
    { action: 'files.move', to: '.', from: 's1' },
  ]);
  assert.deepEqual(steps('copy tune.mp3 from the music folder into this directory', c), [
    { action: 'files.copy', paths: ['music/tune.mp3'], to: '.' },
  ]);
});

test('a named home folder is where things go: "into my Desktop folder" is ~/Desktop, not where they come from', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('copy the markdown files into my Desktop folder', c), [
    { action: 'files.find', path: '.', ext: ['md', 'markdown'], recursive: false, exclude: ['~/Desktop'] },
    { action: 'files.copy', to: '~/Desktop/', from: 's1' },
  ]);
});

test('the command form: the last operand is the destination', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('mv draft.md notes/', c), [
    { action: 'files.move', paths: ['draft.md'], to: 'notes/' },
  ]);
  assert.deepEqual(steps('cp a.txt b.txt', c), [{ action: 'files.copy', paths: ['a.txt'], to: 'b.txt' }]);
  assert.deepEqual(steps('copy a.txt notes', c), [{ action: 'files.copy', paths: ['a.txt'], to: 'notes/' }]);
});

test('"put a copy of" copies; an archive unpacks into "a folder named" what was said', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('put a copy of the docs folder in ~/safe', c), [
    { action: 'files.copy', paths: ['docs'], to: '~/safe' },
  ]);
  assert.deepEqual(steps('unzip fotos.zip from downloads into a folder called pics', c), [
    { action: 'files.extract', path: '~/Downloads/fotos.zip', to: 'pics' },
  ]);
});

test('a file named after unpacking is looked for where the archive unpacks', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('unzip fotos.zip from downloads and show me index.txt', c), [
    { action: 'files.extract', path: '~/Downloads/fotos.zip' },
    { action: 'files.read', path: '~/Downloads/fotos/index.txt' },
  ]);
});

test('folders: lists of names, a name before the noun, a name with a hyphen in a place', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(
    steps('make folders x, y and z', c).map((s) => (s as Record<string, unknown>).path),
    ['x', 'y', 'z'],
  );
  assert.deepEqual(steps('create an archive-2025 directory in notes', c), [
    { action: 'files.mkdir', path: 'notes/archive-2025' },
  ]);
  assert.deepEqual(steps('make a scratch folder and move a.txt into it', c), [
    { action: 'files.mkdir', path: 'scratch' },
    { action: 'files.move', paths: ['a.txt'], to: 'scratch/' },
  ]);
});

test('"put the X in the Y directory" chooses X here, and "there" is the folder just made', (ctx) => {
  const c = home(ctx);
  assert.deepEqual(steps('put the markdown files in the notes directory', c)[0], {
    action: 'files.find',
    path: '.',
    ext: ['md', 'markdown'],
    recursive: false,
    exclude: ['notes'],
  });
  assert.deepEqual(steps('make a directory drafts and move draft.md there', c)[1], {
    action: 'files.move',
    paths: ['draft.md'],
    to: 'drafts/',
  });
  assert.deepEqual(steps('cp -r docs docs-old', c), [
    { action: 'files.copy', paths: ['docs'], to: 'docs-old' },
  ]);
});

test('a place that names no file of the request is asked about, never dropped from a change', (ctx) => {
  const c = home(ctx);
  // docs/a.txt does not exist: deleting ./a.txt would ignore "in docs"
  assert.match(t.translateSync('delete a.txt in docs', c).clarify ?? '', /"docs"/);
  // the place of a name is not a second thing to delete
  assert.deepEqual(steps('remove the manual in docs', c), [
    { action: 'files.delete', paths: ['docs/manual.md'] },
  ]);
});
