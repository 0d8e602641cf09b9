/**
 * A team whose role agent fails is noticed and ends cleanly with the cause: a role that crashes
 * before it is ready, one that crashes in the middle of its step (its channel closes: noticed at
 * once), and one that hangs (noticed when its step's time is up, then ended). Every role agent
 * of the team is gone afterwards, and the system serves the next team.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const GOAL = 'list the log files in ~/logs';

test('a role that crashes or hangs fails its team with the cause; no role agent is left', async (t) => {
  const env = testEnv(t);
  mkdirSync(join(env.home, 'logs'), { recursive: true });
  writeFileSync(join(env.home, 'logs', 'a.log'), 'a');
  const file = (name: string, code: string) => {
    const path = join(env.dir, name);
    writeFileSync(path, code);
    return path;
  };
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const cli = (args: string[]) => aios(env, args, { timeoutMs: 180_000 });
  /** A role that is ready, then does `onStep` when asked. */
  const role = (onStep: string) => `
export default async function (os) {
  const { labels } = await os.info(os.handles.self);
  await os.ipc.send(os.handles.team, { ready: labels.role });
  const m = await os.ipc.recv(os.handles.team);
  ${onStep}
}`;

  const early = file('early.ts', `export default async function () { throw new Error('no config for me'); }`);
  const r1 = await cli(['team', 'run', GOAL, '--role', `researcher=${early}`]);
  assert.equal(r1.code, 1, r1.stdout);
  assert.match(
    r1.stderr,
    /^aios team: The researcher ended before it was ready: error: no config for me \(exit 1\)$/m,
  );

  const crash = file('crash.ts', role(`throw new Error('planner fell over');`));
  const r2 = await cli(['team', 'run', GOAL, '--role', `planner=${crash}`]);
  assert.equal(r2.code, 1, r2.stdout);
  assert.match(
    r2.stdout,
    /researcher -> manager +reply +found 1 \.log file/,
    'the real researcher went first',
  );
  assert.match(
    r2.stderr,
    /^aios team: The planner ended while it worked: error: planner fell over \(exit 1\)$/m,
  );

  const hang = file('hang.ts', role(`for (;;) await os.sleep(1000);`));
  const r3 = await cli(['team', 'run', GOAL, '--role', `executor=${hang}`, '--step-timeout', '2s']);
  assert.equal(r3.code, 1, r3.stdout);
  assert.match(r3.stderr, /^aios team: The executor did not answer within 2000 ms; it was ended$/m);
  assert.match(
    r3.stdout,
    /manager -> executor +end +t[0-9a-f]{8}-executor ended: killed.*, after it did not stop when asked/,
  );

  for (const other of ['researcher', 'planner', 'validator'])
    assert.match(
      r3.stdout,
      new RegExp(`manager -> ${other} +end +t[0-9a-f]{8}-${other} ended: normal \\(exit 0\\)`),
    );
  const ps = await cli(['ps', '--json']);
  const agents = JSON.parse(ps.stdout) as { name: string; state: string }[];
  const left = agents.filter(
    (a) =>
      /^t[0-9a-f]{8}-(researcher|planner|executor|validator)$/.test(a.name) &&
      !['exited', 'crashed'].includes(a.state),
  );
  assert.deepEqual(left, [], 'every role agent of the three teams ended');

  // a verdict of fail: one more round from the research, then the team stops
  const strict = file(
    'strict.ts',
    `export default async function (os) {
       const { labels } = await os.info(os.handles.self);
       await os.ipc.send(os.handles.team, { ready: labels.role });
       for (;;) {
         const m = await os.ipc.recv(os.handles.team);
         const step = m.json();
         if (step.step === 'stop') { await os.ipc.reply(os.handles.team, m, { ok: true, text: 'stopped' }); return; }
         const summary = 'fail: round ' + step.round + ' is never good enough';
         await os.ipc.reply(os.handles.team, m, { ok: true, text: summary, data: { pass: false, summary } });
       }
     }`,
  );
  const r4 = await cli(['team', 'run', GOAL, '--role', `validator=${strict}`]);
  assert.equal(r4.code, 1, r4.stdout);
  assert.match(
    r4.stdout,
    /manager -> team +decision +the verdict is fail; trying once more from the research/,
  );
  assert.match(r4.stdout, /manager -> researcher +message +research \(round 2\)/);
  assert.equal(
    (r4.stdout.match(/validator -> team +verdict +fail/g) ?? []).length,
    2,
    'two rounds, no third',
  );
  assert.match(r4.stderr, /^aios team: The validator's verdict: fail: round 2 is never good enough$/m);

  const ok = await cli(['team', 'run', GOAL]);
  assert.equal(ok.code, 0, `the next team runs: ${ok.stderr}`);
  assert.match(ok.stdout, /validator -> team +verdict +pass: 1 file\(s\) reported/);
});
