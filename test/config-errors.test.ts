/**
 * Config files are checked when aios starts: a bad value stops `aios up` with one line that
 * names the file, the field and the limit. A file that goes bad while aios runs makes Atlas
 * answer 503 with that line (and the CLI print it), never 500.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { send } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const BAD_FILES: [file: string, content: unknown, expected: RegExp][] = [
  ['atlas.json', { undoDays: 99999 }, /atlas\.json: 'undoDays' is 99999.*at most 3650/],
  ['atlas.json', { mutatingStepsPerMinute: 0 }, /atlas\.json: 'mutatingStepsPerMinute' is 0.*at least 1/],
  ['mcp.json', { mcpServers: { x: { command: 42 } } }, /mcp\.json: .*command/],
  ['config.json', { llm: { timeoutMs: 5 } }, /config\.json: llm\.timeoutMs/],
];

test('aios up refuses a bad config file with the file, the field and the limit', async (t) => {
  for (const [file, content, expected] of BAD_FILES) {
    const env = testEnv(t);
    mkdirSync(env.aiosHome, { recursive: true });
    writeFileSync(join(env.aiosHome, file), JSON.stringify(content));
    const r = await aios(env, ['up', '--no-http'], { timeoutMs: 20_000 });
    assert.equal(r.code, 1, `${file}: ${r.stdout}${r.stderr}`);
    assert.doesNotMatch(r.stdout, /ready/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, expected);
  }
});

test('a config file that goes bad while aios runs gets 503 with its message, never 500', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  writeFileSync(join(env.aiosHome, 'atlas.json'), JSON.stringify({ undoDays: 99999 }));
  const socket = socketPath(env.aiosHome);
  const r = await send(
    socket,
    'POST',
    '/v1/do',
    { 'content-type': 'application/json' },
    JSON.stringify({ request: 'list the files here', cwd: env.home }),
  );
  assert.equal(r.status, 503, r.text);
  assert.match(r.type, /application\/problem\+json/);
  assert.match((JSON.parse(r.text) as { detail: string }).detail, /atlas\.json: 'undoDays' is 99999/);
  const cli = await aios(env, ['do', 'list the files here'], { cwd: env.home });
  assert.equal(cli.code, 1, cli.stdout + cli.stderr);
  assert.match(cli.stderr, /atlas\.json: 'undoDays' is 99999/);
  assert.doesNotMatch(cli.stderr, /failed inside aios/);
});
