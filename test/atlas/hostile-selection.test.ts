/**
 * Changes whose selection is easy to lose, through Atlas with an embedded kernel and the
 * offline translator: a delete of the files that contain a text deletes exactly those (it was
 * answered by a search, the verb dropped), a delete by a content that names nothing asks, an
 * archive named by Atlas never replaces one that is there, and "kill all node processes" stops
 * nothing (aios itself and every other program on node would go): it asks for a pid, and a
 * bystander node program keeps running.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Atlas } from '../../src/shell/atlas.ts';
import { atlasSystem, OPEN_CONFIG } from '../helpers/atlas-system.ts';

const shared = atlasSystem();
let n = 0;

function place() {
  const home = join(shared.env.dir, `w${++n}`, 'home');
  const cwd = join(home, 'work');
  mkdirSync(join(cwd, 'logs'), { recursive: true });
  writeFileSync(join(cwd, 'logs', 'a.log'), 'ERROR disk full\n');
  writeFileSync(join(cwd, 'logs', 'b.log'), 'an error in lower case\n');
  writeFileSync(join(cwd, 'logs', 'c.log'), 'all fine\n');
  writeFileSync(join(cwd, 'notes.txt'), 'notes\n');
  writeFileSync(join(cwd, 'todo.txt'), 'todo\n');
  writeFileSync(join(cwd, 'archive.zip'), 'not really a zip, and precious\n');
  return { home, cwd, atlas: new Atlas(shared.system, { home, config: OPEN_CONFIG }) };
}

test("deleting the files that have 'ERROR' in them asks, then deletes exactly those", async () => {
  const { cwd, atlas } = place();
  const planned = await atlas.plan("delete the files in the logs folder that have 'ERROR' in them", { cwd });
  assert.equal(planned.requiresConfirmation, true, 'a delete is confirmed');
  const out = await atlas.execute(planned.id, { confirmed: true });
  assert.equal(out.ok, true);
  assert.deepEqual(readdirSync(join(cwd, 'logs')).sort(), ['b.log', 'c.log']);
  atlas.close();
});

test('deleting the files that "contain nothing" asks and changes nothing', async () => {
  const { cwd, atlas } = place();
  const planned = await atlas.plan('delete the files that contain nothing', { cwd });
  assert.equal(planned.steps.length, 0);
  assert.ok(planned.clarify);
  assert.deepEqual(readdirSync(cwd).sort(), ['archive.zip', 'logs', 'notes.txt', 'todo.txt']);
  atlas.close();
});

test('packing files "into a zip" never replaces the archive.zip that is there', async () => {
  const { cwd, atlas } = place();
  const planned = await atlas.plan('pack notes.txt and todo.txt into a zip', { cwd });
  const out = await atlas.execute(planned.id, { confirmed: true });
  assert.equal(out.ok, true);
  assert.equal(readFileSync(join(cwd, 'archive.zip'), 'utf8'), 'not really a zip, and precious\n');
  assert.ok(readdirSync(cwd).includes('archive-2.zip'));
  atlas.close();
});

test('"kill all node processes" stops nothing and asks for a pid; a node bystander keeps running', async () => {
  const { cwd, atlas } = place();
  const bystander = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  await new Promise((r) => bystander.once('spawn', r));
  try {
    for (const request of ['kill all node processes', 'pkill node', 'killall python3']) {
      const planned = await atlas.plan(request, { cwd });
      assert.equal(planned.steps.length, 0, `"${request}" plans nothing`);
      assert.match(planned.clarify ?? '', /pid/);
    }
    assert.equal(bystander.exitCode, null);
    assert.equal(bystander.signalCode, null);
  } finally {
    bystander.kill('SIGKILL');
    atlas.close();
  }
});
