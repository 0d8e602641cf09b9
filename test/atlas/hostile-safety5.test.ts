/**
 * Destructive requests that said less, or other, than the plan did, through Atlas with an
 * embedded kernel and the offline translator on the evaluation fixture, judged by what is left
 * on disk: "the duplicate file" (which one?) and a singular that matches two files ask and
 * change nothing; "with 'budget' in their name" deletes by name, never notes.txt that only
 * mentions budget; "whatever is inside shortcut" never touches the link, empties what it leads
 * to when that is inside the roots, and is refused, naming where it leads, when it is not.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PRECIOUS } from './eval-fixture.ts';
import { evalPlaces } from './eval-places.ts';
import { diff, snapshot } from './snapshot.ts';

const place = evalPlaces();

test('"the duplicate file" and a singular that matches two files ask, and nothing changes', async () => {
  const { root, cwd, atlas } = place();
  const before = snapshot(root);
  try {
    for (const request of [
      'remove the duplicate file',
      'delete the duplicate',
      'get rid of the duplicate file in docs',
      'delete the dup file',
    ]) {
      const planned = await atlas.plan(request, { cwd });
      assert.equal(planned.steps.length, 0, `"${request}" plans nothing`);
      assert.ok(planned.clarify, `"${request}" asks`);
    }
    const two = await atlas.plan('remove the file bigger than 200kb', { cwd });
    assert.equal(two.steps.length, 0);
    assert.match(two.clarify ?? '', /big\.bin/);
    assert.match(two.clarify ?? '', /medium\.dat/);
    assert.deepEqual(diff(before, snapshot(root)), []);
    // the plural is a kind, and a name stem stays one: exactly the dup-* files go
    const stems = await atlas.plan('delete the dup files', { cwd });
    assert.equal((await atlas.execute(stems.id, { confirmed: true })).ok, true);
    assert.ok(!existsSync(join(cwd, 'dup-a.txt')) && !existsSync(join(cwd, 'dup-b.txt')));
    assert.ok(existsSync(join(cwd, 'docs', 'guide-copy.md')) && existsSync(join(cwd, 'docs', 'guide.md')));
  } finally {
    atlas.close();
  }
});

test("a file named for 'budget' goes; notes.txt, which only mentions budget, stays", async () => {
  const { cwd, atlas } = place();
  writeFileSync(join(cwd, 'budget-2024.txt'), 'figures\n');
  try {
    const planned = await atlas.plan("delete all files with 'budget' in their name", { cwd });
    assert.equal(planned.requiresConfirmation, true, 'a delete is confirmed');
    assert.equal((await atlas.execute(planned.id, { confirmed: true })).ok, true);
    assert.equal(existsSync(join(cwd, 'budget-2024.txt')), false);
    assert.match(readFileSync(join(cwd, 'notes.txt'), 'utf8'), /budget/);
    // and the content filter stays one: the file that mentions it, not the one named for it
    writeFileSync(join(cwd, 'budget-2025.txt'), 'figures\n');
    const content = await atlas.plan("delete all files with 'budget' in them", { cwd });
    assert.equal((await atlas.execute(content.id, { confirmed: true })).ok, true);
    assert.equal(existsSync(join(cwd, 'notes.txt')), false);
    assert.equal(existsSync(join(cwd, 'budget-2025.txt')), true);
  } finally {
    atlas.close();
  }
});

test('"whatever is inside shortcut" never touches the link; outside the roots it is refused', async () => {
  const { root, cwd, outside, atlas } = place('linked');
  const before = { home: snapshot(root), outside: snapshot(outside) };
  try {
    for (const request of [
      'delete whatever is inside shortcut',
      'delete the contents of shortcut',
      'delete the files in shortcut',
      'move the contents of shortcut into docs',
    ]) {
      await assert.rejects(atlas.plan(request, { cwd }), (error: Error) => {
        assert.match(error.message, /outside the allowed roots/);
        assert.ok(error.message.includes(outside), `names where the link leads: ${error.message}`);
        return true;
      });
    }
    assert.equal(lstatSync(join(cwd, 'shortcut')).isSymbolicLink(), true);
    assert.equal(readlinkSync(join(cwd, 'shortcut')), outside);
    assert.equal(readFileSync(join(outside, 'precious.txt'), 'utf8'), PRECIOUS);
    assert.deepEqual(diff(before.home, snapshot(root)), []);
    assert.deepEqual(diff(before.outside, snapshot(outside)), []);
    // a link inside the roots: what it leads to is emptied, after a yes; the link stays
    symlinkSync(join(cwd, 'logs'), join(cwd, 'inner'));
    const planned = await atlas.plan('delete whatever is inside inner', { cwd });
    assert.equal(planned.requiresConfirmation, true);
    assert.equal((await atlas.execute(planned.id, { confirmed: true })).ok, true);
    assert.equal(lstatSync(join(cwd, 'inner')).isSymbolicLink(), true);
    assert.equal(readlinkSync(join(cwd, 'inner')), join(cwd, 'logs'));
    assert.deepEqual(readdirSync(join(cwd, 'logs')), []);
    assert.ok(existsSync(join(cwd, 'docs', 'guide.md')));
  } finally {
    atlas.close();
  }
});
