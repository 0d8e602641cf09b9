/**
 * Requests whose words were read otherwise than meant, through Atlas with an embedded kernel
 * and the offline translator on the evaluation fixture, judged by what is asked and what is
 * left on disk:
 *
 * - a delete read through corrected words ("biger then", "fles") is confirmed even when its
 *   selection is empty, and unconfirmed it deletes nothing;
 * - "stash my changes and then drop the stash" and "git stash drop" ask and change nothing
 *   (the stash rule read "drop" as another stash, which moved the uncommitted work away);
 * - "write a post-commit hook" asks (it showed the log) and writes nothing under .git/hooks;
 * - "put notes.txt in git" stages it and never moves it into a new folder git/.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evalPlaces } from './eval-places.ts';
import { diff, snapshot } from './snapshot.ts';

const place = evalPlaces();

test('a delete read through typos is confirmed, even when it selects nothing; unconfirmed it deletes nothing', async () => {
  const { root, cwd, atlas } = place();
  const before = snapshot(root);
  try {
    for (const request of [
      'remove every log file biger then 1 kb',
      'delete the .tmp fles older then 2 weeks',
      'delete the log fles older than 2 weeks',
    ]) {
      const planned = await atlas.plan(request, { cwd });
      assert.ok(planned.steps.length > 0, `"${request}" is understood`);
      assert.equal(planned.requiresConfirmation, true, `"${request}" asks before it runs`);
      // not confirmed: what it would delete stays (the kernel refuses the delete's risk)
      await atlas.execute(planned.id, { confirmed: false });
    }
    assert.deepEqual(diff(before, snapshot(root)), []);
    assert.ok(existsSync(join(cwd, 'old.log')));
  } finally {
    atlas.close();
  }
});

test('dropping a stash and writing a hook ask, and the repository is left as it was', async () => {
  const { root, cwd, atlas } = place('git');
  const before = snapshot(root);
  const notes = readFileSync(join(cwd, 'notes.txt'), 'utf8');
  try {
    for (const request of [
      'stash my changes and then drop the stash',
      'git stash drop',
      'clear all my stashes',
      'write a post-commit hook that echoes hi',
    ]) {
      const planned = await atlas.plan(request, { cwd });
      assert.equal(planned.steps.length, 0, `"${request}" plans nothing`);
      assert.ok(planned.clarify, `"${request}" asks`);
    }
    assert.deepEqual(diff(before, snapshot(root)), []);
    assert.equal(
      readFileSync(join(cwd, 'notes.txt'), 'utf8'),
      notes,
      'the uncommitted change is still there',
    );
    assert.equal(existsSync(join(cwd, '.git', 'hooks', 'post-commit')), false);
  } finally {
    atlas.close();
  }
});

test('"put notes.txt in git" stages it and never moves it into a folder git/', async () => {
  const { cwd, atlas } = place('git');
  try {
    const planned = await atlas.plan("put notes.txt in git and commit as 'n'", { cwd });
    assert.deepEqual(
      planned.steps.map((s) => `${s.tool}.${s.action}`),
      ['git.add', 'git.commit'],
    );
    const outcome = await atlas.execute(planned.id, { confirmed: planned.requiresConfirmation });
    assert.ok(outcome.ok, JSON.stringify(outcome.results));
    assert.ok(existsSync(join(cwd, 'notes.txt')), 'notes.txt stays where it was');
    assert.equal(existsSync(join(cwd, 'git')), false, 'no folder git/ was made');
  } finally {
    atlas.close();
  }
});
