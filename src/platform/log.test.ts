import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { Logger } from './log.ts';

test('the log rotates by size: aios.log, .1, .2 kept, older ones removed, newest lines last', (t) => {
  const env = testEnv(t);
  const path = join(env.aiosHome, 'logs', 'aios.log');
  const log = new Logger(path, 'info', { maxBytes: 2000, kept: 2 });
  for (let i = 0; i < 200; i++) {
    log.info(`line ${i}`, { pad: 'x'.repeat(40) });
    log.flush();
  }
  assert.ok(existsSync(`${path}.1`) && existsSync(`${path}.2`));
  assert.ok(!existsSync(`${path}.3`));
  for (const p of [path, `${path}.1`, `${path}.2`]) assert.ok(statSync(p).size <= 2000, p);
  const last = readFileSync(path, 'utf8').trim().split('\n').pop()!;
  assert.equal(JSON.parse(last).msg, 'line 199');
  const older = readFileSync(`${path}.1`, 'utf8').trim().split('\n').pop()!;
  assert.equal(
    JSON.parse(older).msg,
    `line ${Number(/\d+/.exec(JSON.parse(readFileSync(path, 'utf8').split('\n')[0]).msg)![0]) - 1}`,
  );
});
