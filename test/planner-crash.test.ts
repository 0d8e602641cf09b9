/**
 * kill -9 of the whole system at every node boundary of a plan with real file effects: each
 * node appends its own line to a file, and `aios up` is killed (SIGKILL, by the planner's fault
 * point) after the node's idempotency record and before its effect, after its effect and before
 * its commit, and after its commit; each time `aios up` starts again and the plan resumes from
 * its last committed node. At the end every line is in the file exactly once, in order.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';

const NODES = ['n1', 'n2', 'n3'];
const POINTS = NODES.flatMap((n) => [`before-effect:${n}`, `after-effect:${n}`, `committed:${n}`]);

test('kill -9 at every node boundary: the plan resumes from its last committed node and each effect happens exactly once', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  const log = join(work, 'effects.txt');
  const plan = join(work, 'plan.yaml');
  writeFileSync(
    plan,
    [
      'name: three-lines',
      'nodes:',
      ...NODES.map(
        (n, i) =>
          `  - { id: ${n}, kind: tool, tool: files.append, args: { path: effects.txt, content: "line ${n}" }${i > 0 ? `, after: [${NODES[i - 1]}]` : ''} }`,
      ),
    ].join('\n'),
  );
  const crashing = (point: string): TestEnv => ({
    ...env,
    env: { ...env.env, AIOS_PLANNER_CRASH_AT: point },
  });
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);

  for (const [i, point] of POINTS.entries()) {
    const up = await aiosUp(crashing(point), ['--no-http']);
    const died = once(up.child, 'exit');
    // the first boot is given the plan; every later one resumes it on its own
    if (i === 0) void aios(env, ['plan', 'run', plan], { cwd: work, timeoutMs: 60_000 });
    const [code, signal] = await died;
    assert.equal(signal, 'SIGKILL', `killed at ${point} (exit ${code}): ${up.output()}`);
    const node = Number(point.at(-1));
    const phase = point.split(':')[0];
    const expected = phase === 'before-effect' ? node - 1 : node;
    assert.deepEqual(
      lines(),
      NODES.slice(0, expected).map((n) => `line ${n}`),
      `after the kill at ${point}`,
    );
  }
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const listed = await aios(env, ['plan', 'ls', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const [run] = JSON.parse(listed.stdout).runs;
  const waited = await aios(env, ['plan', 'wait', run.id, '--json'], { timeoutMs: 60_000 });
  assert.equal(waited.code, 0, waited.stderr);
  const view = JSON.parse(waited.stdout);
  assert.equal(view.state, 'done', waited.stdout);
  assert.deepEqual(lines(), ['line n1', 'line n2', 'line n3'], 'each effect exactly once');
  assert.deepEqual(
    view.nodes.map((n: { id: string; state: string }) => `${n.id}:${n.state}`),
    ['n1:done', 'n2:done', 'n3:done'],
  );
  // an effect found done after the kill was recognised by the append's own check, not run again
  assert.ok(view.nodes.every((n: { output: { recovered?: boolean } }) => n.output.recovered === true));
});
