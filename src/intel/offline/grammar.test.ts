import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { parse } from './parse.ts';
import { OfflineTranslator, splitClauses } from './translator.ts';
import { lemma } from './typos.ts';

function work(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  const put = (rel: string, text = 'x') => {
    mkdirSync(dirname(join(cwd, rel)), { recursive: true });
    writeFileSync(join(cwd, rel), text);
  };
  for (const f of ['cat.gif', 'dog.webp', 'map.svg', 'tune.ogg', 'settings.yaml', 'budget.xlsx']) put(f);
  put('logs/nightly.log', 'ok\n');
  put('logs/weekly.log', 'ok\n');
  mkdirSync(join(cwd, 'site'));
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();
const plan = (request: string, c: { cwd: string; home: string }) => {
  const out = t.translateSync(request, c);
  assert.ok(out.plan, `${request}: ${out.clarify}`);
  return out.plan.steps.map((s) => ({ action: `${s.tool}.${s.action}`, ...s.args }));
};

test('extensions named as such are exactly those: "any gif or svg", "webp, gif and svg"', () => {
  assert.deepEqual(parse('list any gif or svg').exts, ['gif', 'svg']);
  assert.deepEqual(parse('show webp, gif and svg files').exts, ['webp', 'gif', 'svg']);
  assert.deepEqual(parse('find each ogg').exts, ['ogg']);
  // a verb joined to a kind is not a list of kinds
  assert.deepEqual(parse('zip and send the report').exts, []);
});

test('an inflected verb is read as the verb: "zipping", "moved", "copies"', () => {
  assert.equal(lemma('zipping'), 'zip');
  assert.equal(lemma('moving'), 'move');
  assert.equal(lemma('copies'), 'copy');
  assert.equal(lemma('containing'), undefined, 'a word the lexicon has keeps its meaning');
});

test('"would you mind" and inflections do not stop a request', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(plan('would you mind compressing the logs folder', c), [
    { action: 'files.archive', paths: ['logs'], to: 'logs.zip' },
  ]);
});

test('a clause that is only the object takes the verb of the next: "the yaml file, open it"', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(splitClauses('the yaml file, open it'), ['open the yaml file']);
  assert.deepEqual(plan('the yaml file, open it', c), [{ action: 'files.read', path: 'settings.yaml' }]);
});

test('"the X log" names a log one folder down; "the X file" the one file of that kind', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(plan('show the tail of the nightly log', c), [
    { action: 'text.tail', path: 'logs/nightly.log', lines: 10 },
  ]);
  assert.deepEqual(plan('print the spreadsheet file', c), [{ action: 'files.read', path: 'budget.xlsx' }]);
});

test('a sed expression is a replace, with its flags', () => {
  const u = parse('s|colour|color|i in style.css');
  assert.deepEqual(u.quoted, ['colour', 'color']);
  assert.match(u.text, /^replace _q0_ with _q1_ case-insensitively in _f0_$/);
});

test('an address without a scheme is still an address: local ones are plain http', () => {
  assert.deepEqual(parse('curl localhost:8080/health').urls, ['http://localhost:8080/health']);
  assert.deepEqual(parse('fetch 10.0.0.5:9000').urls, ['https://10.0.0.5:9000']);
  assert.deepEqual(parse('download www.example.org/a.txt').urls, ['https://www.example.org/a.txt']);
  assert.deepEqual(parse('open docs/guide.md').urls, []);
});

test('saving what a fetch returned stays with the fetch, wherever it goes', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(plan('fetch http://127.0.0.1:9/a.json and save it as b.json', c), [
    { action: 'network.get', url: 'http://127.0.0.1:9/a.json', save: 'b.json' },
  ]);
  assert.deepEqual(plan('download http://127.0.0.1:9/page.html into the site folder', c), [
    { action: 'network.get', url: 'http://127.0.0.1:9/page.html', save: 'site/page.html' },
  ]);
});

test('sizes: "what is eating all my space", "order the files by size", "combined size of the gifs"', (ctx) => {
  const c = work(ctx);
  assert.equal(plan('what is taking up most of the space here', c)[0].action, 'files.usage');
  assert.deepEqual(plan("what's taking up space", c), [{ action: 'files.usage', path: '.' }]);
  assert.deepEqual(plan('order the files by size', c), [
    { action: 'files.find', path: '.', type: 'any', recursive: false, sort: 'size' },
  ]);
  assert.deepEqual(plan('combined size of all the gifs', c), [
    { action: 'files.find', path: '.', ext: ['gif'], recursive: true },
  ]);
});

test('"delete the logs" with a logs folder here asks which: the folder or the .log files', (ctx) => {
  const c = work(ctx);
  const out = t.translateSync('delete the logs', c);
  assert.equal(out.plan, undefined);
  assert.match(out.clarify ?? '', /the folder logs\/ or the \.log files/);
});

test('only the verb is read through its inflection: "the files I renamed yesterday" still asks', (ctx) => {
  const c = work(ctx);
  assert.equal(parse('zipping the logs').text, 'zip the logs');
  const out = t.translateSync('delete the files i renamed yesterday', c);
  assert.equal(out.plan, undefined, 'a word that narrows a delete is never dropped');
});

test('archive formats said as the thing made: "a .tar.gz of logs", "as a tgz"', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(plan('make a .tar.gz of the logs folder', c), [
    { action: 'files.archive', paths: ['logs'], to: 'logs.tar.gz' },
  ]);
  assert.deepEqual(plan('compress site as a tgz', c), [
    { action: 'files.archive', paths: ['site'], to: 'site.tar.gz' },
  ]);
});

test('"the folder called X" is found by name; "which file was edited last" is the newest', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(plan('find the folder called site', c), [
    { action: 'files.find', path: '.', recursive: true, type: 'dir', name: 'site' },
  ]);
  assert.deepEqual(plan('which file was edited last', c)[0], {
    action: 'files.find',
    path: '.',
    recursive: true,
    sort: 'mtime',
    order: 'desc',
    limit: 1,
  });
});

test('what a clause makes is named in the next: "the pdf, copy it", "unzip x.zip then list the x folder"', (ctx) => {
  const c = work(ctx);
  writeFileSync(join(c.cwd, 'fotos.zip'), 'x');
  assert.deepEqual(plan('the xlsx, copy it to site', c), [
    { action: 'files.copy', paths: ['budget.xlsx'], to: 'site/' },
  ]);
  assert.deepEqual(plan('unzip fotos.zip then list the fotos folder', c), [
    { action: 'files.extract', path: 'fotos.zip' },
    { action: 'files.list', path: 'fotos' },
  ]);
});
