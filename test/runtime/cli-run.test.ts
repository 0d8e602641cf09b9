/**
 * `aios run` with no system running (an embedded kernel) and against `aios up`, and the
 * lifecycle commands on a long-lived isolate agent. Real CLI processes, real sockets.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { aios, aiosUp, ROOT, testEnv } from '../helpers/env.ts';

const HELLO = join(ROOT, 'examples', 'agents', 'hello.ts');

describe('aios run', () => {
  it('runs an agent with no system up and prints its result', async (t) => {
    const env = testEnv(t);
    const r = await aios(env, ['run', HELLO, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, true);
    assert.deepEqual(out.result, { greeting: 'hello, world' });
  });

  it('names the cause in one line and exits non-zero', async (t) => {
    const env = testEnv(t);
    const cases: [string, string, string[], RegExp][] = [
      ['loop.js', 'export default async () => { for (;;) {} }', ['--cpu-ms', '100'], /it hit its CPU limit/],
      [
        'bomb.js',
        'export default async () => { const a = []; for (;;) a.push(new Array(1e5).fill(1.5)); }',
        ['--mem', '16', '--cpu-ms', '10000'],
        /it hit its memory limit/,
      ],
      [
        'slow.js',
        'export default async (os) => { await os.sleep(60000); }',
        ['--timeout', '300'],
        /it timed out/,
      ],
      [
        'denied.js',
        "export default async (os) => { await os.sys('process_list', { handle: os.handles.self }); }",
        [],
        /a syscall was denied \(E_BAD_HANDLE: /,
      ],
      [
        'throws.js',
        "export default async () => { throw new Error('boom'); }",
        [],
        /it threw an error \(boom\)/,
      ],
    ];
    for (const [name, source, flags, cause] of cases) {
      const file = join(env.dir, name);
      writeFileSync(file, source);
      const r = await aios(env, ['run', file, ...flags]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${name}: one line, not ${r.stderr}`);
      assert.match(lines[0], /^aios run: agent \d+ failed: /);
      assert.match(lines[0], cause);
    }
  });

  it('runs against a running system, and spawn, ps, suspend, resume and kill manage an isolate agent', async (t) => {
    const env = testEnv(t);
    const up = await aiosUp(env);
    t.after(() => up.stop());
    const run = await aios(env, ['run', HELLO]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /hello, world/);

    const file = join(env.dir, 'ticker.js');
    writeFileSync(file, 'export default async (os) => { for (;;) await os.sleep(20); }');
    const spawned = await aios(env, ['spawn', file, '--json']);
    assert.equal(spawned.code, 0, spawned.stderr);
    const { pid } = JSON.parse(spawned.stdout) as { pid: number };
    const state = async () => {
      const ps = await aios(env, ['ps', '--json', '--all']);
      return (JSON.parse(ps.stdout) as { pid: number; state: string; runtime: string }[]).find(
        (a) => a.pid === pid,
      );
    };
    assert.equal((await state())?.runtime, 'isolate');
    assert.equal((await aios(env, ['suspend', String(pid)])).code, 0);
    assert.equal((await state())?.state, 'suspended');
    assert.equal((await aios(env, ['resume', String(pid)])).code, 0);
    assert.notEqual((await state())?.state, 'suspended');
    assert.equal((await aios(env, ['kill', String(pid)])).code, 0);
    assert.equal((await state())?.state, 'exited');
  });
});
