/**
 * `aios do`, `aios undo`, `aios history` and `aios shell` as a person runs them: real
 * processes, an embedded kernel per command (so undo crosses a restart every time), and the
 * same flow against a running `aios up` through its owner socket.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';

function workdir(env: ReturnType<typeof testEnv>): string {
  const cwd = join(env.home, 'work');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'notes.txt'), 'meeting notes\n');
  writeFileSync(join(cwd, 'a.log'), 'log a\n');
  writeFileSync(join(cwd, 'b.log'), 'log b\n');
  writeFileSync(join(cwd, 'draft.tmp'), 'x'.repeat(5000));
  return cwd;
}

test('aios do --json prints the plan and results as one JSON object and nothing else', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const r = await aios(env, ['do', 'show the 2 biggest files here', '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.equal(out.request, 'show the 2 biggest files here');
  assert.ok(out.goal);
  assert.deepEqual(
    Object.keys(out.steps[0])
      .filter((k) => ['tool', 'action', 'args', 'risk'].includes(k))
      .sort(),
    ['action', 'args', 'risk', 'tool'],
  );
  assert.equal(out.steps[0].tool, 'files');
  assert.equal(out.results[0].output.entries[0].path, join(cwd, 'draft.tmp'));
  assert.equal(out.undoId, null);
});

test('aios do asks before deleting; no or no answer changes nothing, yes deletes and offers undo', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const dry = await aios(env, ['do', 'delete all .log files', '--dry-run'], { cwd });
  assert.equal(dry.code, 0);
  assert.match(dry.stdout, /files\.delete\s+risk 3 \(deletes or kills\)/);
  assert.match(dry.stdout, /a\.log/);
  assert.match(dry.stdout, /dry run: nothing was changed/);
  for (const input of ['n\n', '']) {
    const r = await aios(env, ['do', 'delete all .log files'], { cwd, input });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Cancelled; nothing was changed/);
    assert.ok(existsSync(join(cwd, 'a.log')));
  }
  const json = await aios(env, ['do', 'delete all .log files', '--json'], { cwd });
  assert.equal(json.code, 1);
  assert.match(JSON.parse(json.stdout).error, /needs confirmation; run it again with --yes/);
  const yes = await aios(env, ['do', 'delete all .log files'], { cwd, input: 'y\n' });
  assert.equal(yes.code, 0, yes.stderr);
  assert.match(yes.stdout, /Undo with: aios undo \d+/);
  assert.ok(!existsSync(join(cwd, 'a.log')) && !existsSync(join(cwd, 'b.log')));
});

test('aios undo in a later process (a restart) restores the exact bytes; history shows it', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const before = readFileSync(join(cwd, 'draft.tmp'));
  const del = await aios(env, ['do', 'delete draft.tmp', '--yes', '--json'], { cwd });
  const { undoId } = JSON.parse(del.stdout);
  assert.ok(undoId);
  assert.ok(!existsSync(join(cwd, 'draft.tmp')));
  await aios(env, ['do', "write 'x' to other.txt", '--yes'], { cwd });
  const undo = await aios(env, ['undo', undoId], { cwd: env.dir });
  assert.equal(undo.code, 0, undo.stderr);
  assert.deepEqual(readFileSync(join(cwd, 'draft.tmp')), before);
  assert.ok(existsSync(join(cwd, 'other.txt')), 'only the named request was undone');
  const again = await aios(env, ['undo', undoId], { cwd });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /undone already/);
  const history = JSON.parse((await aios(env, ['history', '--json'], { cwd })).stdout);
  const entry = history.find((h: { id: string }) => h.id === undoId);
  assert.equal(entry.status, 'undone');
  assert.equal(entry.steps[0].action, 'delete');
  const human = await aios(env, ['history'], { cwd });
  assert.match(human.stdout, /delete draft\.tmp \(undone\)/);
});

test('bad requests: one clear line and the right exit code', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const empty = await aios(env, ['do'], { cwd });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /^aios do: missing the request/);
  const unknown = await aios(env, ['do', 'frobnicate the wibble'], { cwd });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stdout, /could not understand/);
  assert.match(unknown.stdout, /aios do "/);
  const outside = await aios(env, ['do', 'delete /etc/hostname', '--yes'], { cwd });
  assert.equal(outside.code, 1);
  assert.equal(outside.stderr.trim().split('\n').length, 1);
  assert.match(outside.stderr, /^aios do: '\/etc\/hostname' is outside the allowed roots/);
  const nothing = await aios(env, ['undo'], { cwd });
  assert.equal(nothing.code, 1);
  assert.match(nothing.stderr, /Nothing to undo/);
});

test('aios shell: a session with context ("and now zip them"), undo, history', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const input = ['find the log files', 'and now zip them', 'history', 'undo', 'exit', ''].join('\n');
  const r = await aios(env, ['shell'], { cwd, input });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /files\.archive/);
  assert.match(r.stdout, /Undid request/);
  assert.ok(!readdirSync(cwd).some((n) => n.endsWith('.zip')), 'the zip was undone');
  assert.ok(existsSync(join(cwd, 'a.log')));
  assert.match(readFileSync(join(env.aiosHome, 'shell_history'), 'utf8'), /and now zip them/);
});

test('against a running system: aios do and aios undo go through its socket; tokens without the rights are refused', async (t) => {
  const env = testEnv(t);
  const cwd = workdir(env);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const del = await aios(env, ['do', 'delete notes.txt', '--yes', '--json'], { cwd });
  assert.equal(del.code, 0, del.stderr);
  assert.ok(!existsSync(join(cwd, 'notes.txt')));
  const undo = await aios(env, ['undo', '--json'], { cwd });
  assert.equal(undo.code, 0, undo.stderr);
  assert.equal(readFileSync(join(cwd, 'notes.txt'), 'utf8'), 'meeting notes\n');
  const url = /api (http:\/\/\S+?)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  // a token needs the rights of the risk it asks for (test/atlas-api.test.ts has the rest)
  const token = (await aios(env, ['token', 'mint', '--rights', 'inspect'])).stdout.trim().split('\n')[0];
  const res = await fetch(`${url}/v1/do`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ request: 'delete notes.txt', cwd }),
  });
  assert.equal(res.status, 403);
  assert.ok(existsSync(join(cwd, 'notes.txt')));
});
