/**
 * An agent's log lines and result, and a file Atlas shows, reach the operator's terminal: an
 * agent that logs and returns ANSI/OSC sequences (colour, clear screen, window title,
 * clipboard via OSC 52, a one-character C1 CSI, a carriage return that overwrites the line)
 * must not get any control character through `aios run`, `aios logs` or `aios do`. They are
 * shown as visible escapes, and --json still carries the exact value.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, testEnv } from '../helpers/env.ts';

const HOSTILE =
  '\x1b[31mred\x1b[0m \x1b]0;owned title\x07 \x1b]52;c;ZWNobyBvd25lZA==\x07 \x9b2J \rfake\x7f\u202e';
/** Anything a terminal acts on; newline and tab are text. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('an agent’s escape sequences reach aios run and aios logs only as visible text', async (t) => {
  const env = testEnv(t);
  const file = join(env.dir, 'painter.js');
  writeFileSync(
    file,
    `export default async (os) => { await os.log(${JSON.stringify(HOSTILE)}); return ${JSON.stringify(HOSTILE)}; }`,
  );
  const run = await aios(env, ['run', file]);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, CONTROL);
  assert.match(run.stdout, /\\u001b\[31mred\\u001b\[0m \\u001b\]0;owned title\\u0007/);
  assert.match(run.stdout, /\\u009b2J \\u000dfake\\u007f\\u202e/);

  const json = await aios(env, ['run', file, '--json']);
  assert.doesNotMatch(json.stdout, CONTROL);
  assert.equal(JSON.parse(json.stdout).result, HOSTILE, '--json carries the exact value');

  const logs = await aios(env, ['logs']);
  assert.equal(logs.code, 0, logs.stderr);
  assert.doesNotMatch(logs.stdout + logs.stderr, CONTROL);
  assert.match(logs.stdout, /\\u001b\[31mred/);
  const raw = await aios(env, ['logs', '--json', '--grep', 'red']);
  assert.doesNotMatch(raw.stdout, CONTROL);
  assert.equal(JSON.parse(raw.stdout.trim().split('\n').pop()!).msg, HOSTILE);
});

test('a file with escape sequences is shown by aios do and aios shell as visible text', async (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'evil.txt'), `${HOSTILE}\nsecond line\n`);
  const r = await aios(env, ['do', 'show evil.txt']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, CONTROL);
  assert.match(r.stdout, /\\u001b\]52;c;ZWNobyBvd25lZA==\\u0007/);
  assert.match(r.stdout, /second line/);
  const shell = await aios(env, ['shell'], { input: 'show evil.txt\nexit\n' });
  assert.equal(shell.code, 0, shell.stderr);
  assert.doesNotMatch(shell.stdout + shell.stderr, CONTROL);
  assert.match(shell.stdout, /\\u009b2J/);
});
