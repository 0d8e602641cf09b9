/**
 * Requests that change files, written as people write them, must never be carried out with a
 * word left out: a place, a filter, an age that Atlas cannot read makes it ask, and nothing
 * changes; a typo it can read keeps the constraint. Each runs end to end (offline translator,
 * kernel-authorised execution, confirmation given) against real files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OfflineTranslator } from '../../src/intel/offline/translator.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { atlasSystem, OPEN_CONFIG } from '../helpers/atlas-system.ts';

const CONFIG = OPEN_CONFIG;
const shared = atlasSystem();
const DAY = 86_400_000;
let n = 0;

/** A home with a work directory of notes, a photo, a fresh log and a 30-day-old log. */
function home() {
  const root = join(shared.env.dir, `h${++n}`);
  const cwd = join(root, 'work');
  mkdirSync(cwd, { recursive: true });
  for (const f of ['notes.txt', 'photo.jpg', 'new.log', 'old.log']) writeFileSync(join(cwd, f), `${f}\n`);
  const old = new Date(Date.now() - 30 * DAY);
  utimesSync(join(cwd, 'old.log'), old, old);
  writeFileSync(join(root, 'parent.txt'), 'in the parent folder\n');
  const atlas = new Atlas(shared.system, { home: root, config: CONFIG, translator: new OfflineTranslator() });
  return { root, cwd, atlas };
}

/** Plans and, when there is a plan, runs it as if the person said yes. */
async function run(atlas: Atlas, cwd: string, request: string) {
  const planned = await atlas.plan(request, { cwd });
  if (planned.steps.length > 0) await atlas.execute(planned.id, { confirmed: true });
  return planned;
}

test('a place Atlas cannot read gets a question: the current folder is never emptied instead', async () => {
  const { cwd, atlas } = home();
  try {
    for (const request of [
      'delete all files in the zork folder',
      'delete all files in teh backups directory',
      'remove every log file from the archive folder',
    ]) {
      const planned = await run(atlas, cwd, request);
      assert.equal(planned.steps.length, 0, `${request}: ${JSON.stringify(planned.steps)}`);
      assert.match(planned.clarify ?? '', /nothing was changed|which|what/i, request);
    }
    for (const f of ['notes.txt', 'photo.jpg', 'new.log', 'old.log']) assert.ok(existsSync(join(cwd, f)), f);
  } finally {
    atlas.close();
  }
});

test('"the parent folder" is the parent folder, not the current one', async () => {
  const { root, cwd, atlas } = home();
  try {
    await run(atlas, cwd, 'delete all .txt files in the parent folder');
    assert.ok(!existsSync(join(root, 'parent.txt')), 'the parent folder kept its .txt file');
    assert.ok(existsSync(join(cwd, 'notes.txt')), 'a file of the current folder was deleted');
  } finally {
    atlas.close();
  }
});

test('an age written with a typo is kept: newer logs survive "older then 7 days"', async () => {
  const { cwd, atlas } = home();
  try {
    await run(atlas, cwd, 'delete log files older then 7 days');
    assert.ok(!existsSync(join(cwd, 'old.log')), 'the old log is still there');
    assert.ok(existsSync(join(cwd, 'new.log')), 'the new log was deleted too');
  } finally {
    atlas.close();
  }
});

test('a filter word Atlas does not know gets a question, and the photo stays', async () => {
  const { cwd, atlas } = home();
  try {
    const planned = await run(atlas, cwd, 'delete the blurry photos');
    assert.equal(planned.steps.length, 0);
    assert.ok(existsSync(join(cwd, 'photo.jpg')));
    // The host goes on serving requests afterwards.
    const listed = await atlas.plan('list the files here', { cwd });
    assert.equal(listed.steps[0]?.action, 'list');
  } finally {
    atlas.close();
  }
});

test('a change that leaves something out asks: "but not new.log" never deletes new.log', async () => {
  const { cwd, atlas } = home();
  try {
    for (const request of [
      'delete the log files but not new.log',
      'delete all logs except new.log',
      // "the ones" are the logs listed, not every file as old
      'list the logs, then delete the ones older than 7 days',
    ]) {
      const planned = await run(atlas, cwd, request);
      assert.equal(planned.steps.length, 0, `${request}: ${JSON.stringify(planned.steps)}`);
    }
    for (const f of ['notes.txt', 'photo.jpg', 'new.log', 'old.log']) assert.ok(existsSync(join(cwd, f)), f);
  } finally {
    atlas.close();
  }
});
