/**
 * kill -9 in the middle of a large Atlas request: the request shows as interrupted (not
 * planned), `aios undo` takes back what it did, and no file is left in the undo store under
 * an opaque name. The kill lands after a random number of files went (progress, not time: a
 * fast machine finishes a timed delay's worth of deletes before the kill); each round says
 * where, so a failing round can be replayed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AIOS_BIN, aios, testEnv } from '../helpers/env.ts';

const FILES = 1500;
const ROUNDS = 3;

test('a request killed mid-way is interrupted and undo brings every file back', async (t) => {
  const env = testEnv(t);
  let interrupted = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cwd = join(env.home, `work${round}`);
    mkdirSync(cwd, { recursive: true });
    for (let i = 0; i < FILES; i++) writeFileSync(join(cwd, `f${i}.tmp`), `file ${i}\n`);
    const child = spawn(process.execPath, [AIOS_BIN, 'do', 'delete all .tmp files', '--yes'], {
      env: env.env,
      cwd,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const gone = 1 + Math.floor(Math.random() * (FILES / 2));
    while (child.exitCode === null && readdirSync(cwd).length > FILES - gone) await sleep(1);
    child.kill('SIGKILL');
    await exited;
    const where = `round ${round}, killed once ${gone} files had gone`;
    const left = readdirSync(cwd).length;

    const history = JSON.parse((await aios(env, ['history', '--json', '--limit', '1'])).stdout) as {
      id: string;
      status: string;
      undoId: string | null;
    }[];
    const entry = history[0];
    if (left > 0) {
      interrupted++;
      assert.equal(entry.status, 'interrupted', where);
    }
    assert.equal(entry.undoId, entry.id, `${where}: the request can be undone`);
    const undo = await aios(env, ['undo']);
    assert.equal(undo.code, 0, `${where}: ${undo.stdout}${undo.stderr}`);
    for (let i = 0; i < FILES; i++) {
      const file = join(cwd, `f${i}.tmp`);
      assert.ok(existsSync(file), `${where}: f${i}.tmp is back`);
      assert.equal(readFileSync(file, 'utf8'), `file ${i}\n`, where);
    }
    const store = join(env.aiosHome, 'undo', entry.id);
    const stranded = existsSync(store) ? readdirSync(store) : [];
    assert.deepEqual(stranded, [], `${where}: nothing is left in the undo store`);
    const after = JSON.parse((await aios(env, ['history', '--json', '--limit', '1'])).stdout) as {
      status: string;
    }[];
    assert.equal(after[0].status, 'undone', where);
  }
  assert.ok(interrupted > 0, 'at least one kill landed while the request ran');
});
