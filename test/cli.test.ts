/**
 * The aios CLI as a user meets it: help, usage errors, running agents with and without a
 * running system, tokens, and the audit commands.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, ROOT, testEnv } from './helpers/env.ts';

const AGENT_OK = `export default async function (os) {
  const [a, b] = await os.ipc.channel();
  await os.ipc.send(a, { n: 41 });
  return { answer: (await os.ipc.recv(b)).json().n + 1 };
}\n`;
const AGENT_THROWS = `export default async function () { throw new Error('boom'); }\n`;
const AGENT_WAITS = `export default async function (os) { const [, b] = await os.ipc.channel(); await os.ipc.recv(b); }\n`;

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('help and usage errors: one line, exit 2, no stack trace', async (t) => {
  const env = testEnv(t);
  const help = await aios(env, ['--help']);
  assert.equal(help.code, 0);
  for (const command of ['up', 'ps', 'spawn', 'run', 'kill', 'audit', 'token', 'syscalls'])
    assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  for (const args of [
    ['up', '--help'],
    ['audit', '--help'],
    ['token', '--help'],
    ['run', '-h'],
  ]) {
    const r = await aios(env, args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage:/);
  }
  const bad: string[][] = [
    [],
    ['frobnicate'],
    ['run'],
    ['run', 'x.ts', '--bogus'],
    ['run', 'x.ts', '--mem', 'lots'],
    ['kill', 'abc'],
    ['kill'],
    ['token', 'mint'],
    ['token', 'mint', '--rights', 'fly'],
    ['token', 'revoke', 'nope'],
    ['up', '--port', '99999'],
    ['up', '--policy', 'random'],
    ['audit'],
    ['audit', 'shred'],
  ];
  for (const args of bad) {
    const r = await aios(env, args);
    assert.equal(r.code, 2, `aios ${args.join(' ')} exits 2`);
    if (args.length > 0) {
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `aios ${args.join(' ')} prints one line, got: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    }
  }
  const debug = await aios(env, ['run', 'missing.ts', '--debug']);
  assert.equal(debug.code, 1);
  assert.match(debug.stderr, /\n\s+at .+:\d+:\d+/, '--debug shows the stack');
});

test('aios run works with no system running, reports results and names failures', async (t) => {
  const env = testEnv(t);
  const ok = await aios(env, ['run', write(env.dir, 'ok.ts', AGENT_OK)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { answer: 42 });

  const json = await aios(env, ['run', join(env.dir, 'ok.ts'), '--json']);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.result, { answer: 42 });

  const boom = await aios(env, ['run', write(env.dir, 'boom.ts', AGENT_THROWS)]);
  assert.equal(boom.code, 1);
  assert.match(boom.stderr, /failed: it threw an error \(boom\)/);
  assert.equal(boom.stderr.trim().split('\n').length, 1);

  const slow = await aios(env, ['run', write(env.dir, 'slow.ts', AGENT_WAITS), '--timeout', '200']);
  assert.equal(slow.code, 1);
  assert.match(slow.stderr, /timed out/);

  const missing = await aios(env, ['run', join(env.dir, 'nope.ts')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file/);
});

test('with aios up: spawn, ps, suspend, resume, kill, run, tokens, and a clean stop', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop('SIGKILL'));
  assert.match(up.ready, /ready in \d+ ms/);

  const spawned = await aios(env, ['spawn', write(env.dir, 'wait.ts', AGENT_WAITS), '--json']);
  assert.equal(spawned.code, 0, spawned.stderr);
  const { pid } = JSON.parse(spawned.stdout);
  const ps = JSON.parse((await aios(env, ['ps', '--json'])).stdout) as { pid: number; state: string }[];
  assert.ok(ps.some((a) => a.pid === pid));

  assert.equal((await aios(env, ['suspend', String(pid)])).code, 0);
  let agent = (
    JSON.parse((await aios(env, ['ps', '--json'])).stdout) as { pid: number; state: string }[]
  ).find((a) => a.pid === pid);
  assert.equal(agent?.state, 'suspended');
  assert.equal((await aios(env, ['resume', String(pid)])).code, 0);

  const run = await aios(env, ['run', write(env.dir, 'ok.ts', AGENT_OK)]);
  assert.deepEqual(JSON.parse(run.stdout), { answer: 42 });

  const kill = await aios(env, ['kill', String(pid), '99999']);
  assert.equal(kill.code, 1, 'one of the two pids does not exist');
  assert.match(kill.stdout, new RegExp(`killed ${pid}`));
  assert.match(kill.stderr, /99999: No agent has pid 99999/);
  agent = (
    JSON.parse((await aios(env, ['ps', '--all', '--json'])).stdout) as { pid: number; state: string }[]
  ).find((a) => a.pid === pid);
  assert.equal(agent?.state, 'exited');

  const minted = JSON.parse(
    (await aios(env, ['token', 'mint', '--rights', 'inspect', '--ttl', '1h', '--json'])).stdout,
  );
  assert.match(minted.token, /^aios1\./);
  const list = JSON.parse((await aios(env, ['token', 'list', '--json'])).stdout) as {
    tokenId: string;
    revoked: boolean;
  }[];
  assert.ok(list.some((x) => x.tokenId === minted.tokenId && !x.revoked));
  assert.equal((await aios(env, ['token', 'revoke', minted.tokenId])).code, 0);

  assert.equal(await up.stop('SIGINT'), 0);
  assert.match(up.output(), /aios stopped/);
  assert.ok(!existsSync(join(env.aiosHome, 'aios.lock')), 'the lock is released');
  const again = JSON.parse((await aios(env, ['token', 'list', '--json'])).stdout) as {
    tokenId: string;
    revoked: boolean;
  }[];
  assert.ok(
    again.some((x) => x.tokenId === minted.tokenId && x.revoked),
    'the revocation was stored',
  );
});

test('audit verify, export and offline verify; tampering is named and exits 1', async (t) => {
  const env = testEnv(t);
  for (let i = 0; i < 3; i++) await aios(env, ['run', write(env.dir, 'ok.ts', AGENT_OK)]);
  const live = await aios(env, ['audit', 'verify']);
  assert.equal(live.code, 0, live.stdout + live.stderr);
  assert.match(live.stdout, /verifies: \d+ entries/);

  const file = join(env.dir, 'audit.jsonl');
  assert.equal((await aios(env, ['audit', 'export', '--out', file])).code, 0);
  assert.equal((await aios(env, ['audit', 'verify', file])).code, 0);

  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const changed = [...lines];
  changed[3] = changed[3].replace('"ok":true', '"ok":false');
  writeFileSync(join(env.dir, 'changed.jsonl'), `${changed.join('\n')}\n`);
  const r1 = await aios(env, ['audit', 'verify', join(env.dir, 'changed.jsonl')]);
  assert.equal(r1.code, 1);
  assert.match(r1.stdout, /BROKEN at entry 4/);

  const cut = [...lines.slice(0, -3), lines.at(-1)!];
  writeFileSync(join(env.dir, 'cut.jsonl'), `${cut.join('\n')}\n`);
  const r2 = await aios(env, ['audit', 'verify', join(env.dir, 'cut.jsonl')]);
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /removed from the end/);

  // Tamper with the live store itself.
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(env.aiosHome, 'aios.db'));
  const row = db
    .prepare('SELECT first_seq, text FROM audit_blocks WHERE first_seq <= 5 AND last_seq >= 5')
    .get() as {
    first_seq: number;
    text: string;
  };
  const rowLines = row.text.split('\n');
  const at = 5 - row.first_seq;
  const flipped = rowLines[at].includes('"ok":true')
    ? ['"ok":true', '"ok":false']
    : ['"ok":false', '"ok":true'];
  rowLines[at] = rowLines[at].replace(flipped[0], flipped[1]);
  db.prepare('UPDATE audit_blocks SET text = ? WHERE first_seq = ?').run(rowLines.join('\n'), row.first_seq);
  db.close();
  const r3 = await aios(env, ['audit', 'verify']);
  assert.equal(r3.code, 1);
  assert.match(r3.stdout, /BROKEN at entry 5/);

  const tail = await aios(env, ['audit', 'tail', '-n', '3']);
  assert.equal(tail.code, 0);
  assert.equal(tail.stdout.trim().split('\n').length, 3);
});

test('aios syscalls lists the table and docs/syscalls.md is generated from it', async (t) => {
  const env = testEnv(t);
  const rows = JSON.parse((await aios(env, ['syscalls', '--json'])).stdout) as { name: string }[];
  assert.ok(rows.some((r) => r.name === 'channel_write'));
  const md = await aios(env, ['syscalls', '--markdown']);
  assert.equal(
    `${md.stdout.trimEnd()}\n`,
    readFileSync(join(ROOT, 'docs', 'syscalls.md'), 'utf8'),
    'run npm run docs',
  );
});

test('aios audit tail --follow prints entries as they are sealed', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop('SIGKILL'));
  const { spawn } = await import('node:child_process');
  const { AIOS_BIN } = await import('./helpers/env.ts');
  const tail = spawn(process.execPath, [AIOS_BIN, 'audit', 'tail', '-n', '0', '--follow'], { env: env.env });
  t.after(() => tail.kill('SIGKILL'));
  let out = '';
  tail.stdout.on('data', (d) => {
    out += d;
  });
  await new Promise((r) => setTimeout(r, 300));
  const run = await aios(env, ['run', write(env.dir, 'ok.ts', AGENT_OK)]);
  assert.equal(run.code, 0);
  for (let i = 0; i < 50 && !/spawn/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(out, /lifecycle spawn ok/);
  tail.kill('SIGINT');
  const code = await new Promise((r) => tail.once('exit', r));
  assert.equal(code, 0);
});
