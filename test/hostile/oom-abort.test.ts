/**
 * An isolate agent that drives V8 into a fatal out-of-memory near its heap limit must not take
 * `aios up` down: before the fix isolated-vm aborted the whole process (every agent with it).
 * Each bomb runs through the running server beside a supervised bystander; each ends as
 * memory_limit, the server and the bystander go on, the audit chain verifies, and a stop exits.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';

/** Ways to reach V8's fatal out-of-memory inside an isolate, each run with --mem 16. */
const BOMBS: Record<string, string> = {
  map: 'const m = new Map(); for (let i = 0;; i++) m.set(i, { i });',
  set: 'const s = new Set(); for (let i = 0;; i++) s.add({ i });',
  array: 'const a = []; for (let i = 0;; i++) a.push(new Array(2 ** 26));',
  keys: 'const o = {}; for (let i = 0;; i++) o["k" + i] = i;',
  json: 'let s = "[0"; for (;;) { s += ",0".repeat(1 << 16); JSON.parse(s + "]"); }',
  weakmap:
    'const w = new WeakMap(); const keep = []; for (let i = 0;; i++) { const k = {}; keep.push(k); w.set(k, { i }); }',
};

const BYSTANDER = `export default async (os) => {
  const [a] = await os.ipc.channel();
  await os.ipc.recv(a);
};`;

test('isolate agents that exhaust V8 memory end as memory_limit and aios up keeps running', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  // An abort ends it by a signal: exitCode stays null then, and stop() would wait for nothing.
  const alive = () => up.child.exitCode === null && up.child.signalCode === null;
  t.after(async () => {
    if (alive()) await up.stop('SIGKILL');
  });
  const bystander = join(env.dir, 'bystander.js');
  writeFileSync(bystander, BYSTANDER);
  const spawned = await aios(env, ['spawn', bystander, '--restart', 'permanent', '--name', 'bystander']);
  assert.equal(spawned.code, 0, spawned.stderr);
  const bystanderPid = Number(/spawned (\d+)/.exec(spawned.stdout)?.[1]);

  for (const [name, body] of Object.entries(BOMBS)) {
    const file = join(env.dir, `${name}.js`);
    writeFileSync(file, `export default async (os) => { ${body} };\n`);
    const r = await aios(env, ['run', file, '--mem', '16', '--cpu-ms', '5000', '--json'], {
      timeoutMs: 60_000,
    });
    assert.equal(
      up.child.exitCode,
      null,
      `aios up still runs after the ${name} bomb:\n${up.output().slice(-2000)}`,
    );
    const exit = JSON.parse(r.stdout) as { pid: number; exit: { reason: string } };
    t.diagnostic(`${name}: ${exit.exit.reason}`);
    assert.equal(exit.exit.reason, 'memory_limit', `${name}: ${r.stdout}${r.stderr}`);
  }

  const ps = await aios(env, ['ps', '--all', '--json']);
  assert.equal(ps.code, 0, ps.stderr);
  const agents = JSON.parse(ps.stdout) as { pid: number; state: string; exit?: { reason: string } }[];
  const me = agents.find((a) => a.pid === bystanderPid);
  assert.ok(me && (me.state === 'running' || me.state === 'blocked'), `the bystander runs: ${ps.stdout}`);
  assert.ok(
    agents.filter((a) => /memory_limit/.test(JSON.stringify(a))).length >= 1,
    `aios ps --all shows the bombs ended by their memory limit: ${ps.stdout}`,
  );
  const verify = await aios(env, ['audit', 'verify']);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);

  const started = Date.now();
  const code = await up.stop();
  t.diagnostic(`aios up stopped with ${code} in ${Date.now() - started} ms`);
  assert.ok(Date.now() - started < 20_000, 'aios up stopped promptly');
  assert.notEqual(code, 134, 'aios up did not abort');
});
