/**
 * `aios do --alternatives K` as a person uses it: the ways to do a request are listed best first
 * with score, risk, what they touch and their pros and cons; the best runs unless `--pick N`
 * names another; the choice is in `aios history`; bad numbers are one line and exit 2.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, testEnv } from '../helpers/env.ts';

test('aios do --alternatives: ranked ways, the best chosen or the one picked, the choice recorded', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'a.log'), 'a\n');
  writeFileSync(join(work, 'b.log'), 'b\n');

  const dry = await aios(env, ['do', 'delete all log files', '--alternatives', '3', '--dry-run'], {
    cwd: work,
  });
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /3 ways to do it, best first:/);
  // the reversible way (nothing deleted) outranks the delete, which says it asks first
  assert.match(
    dry.stdout,
    /^1\. move into a folder 'archived' instead of deleting \[offline\] {2}score [\d.]+, risk 1/m,
  );
  assert.match(dry.stdout, /^2\. as asked \[offline\] {2}score [\d.]+, risk 3/m);
  assert.match(dry.stdout, /- deletes or kills \(risk 3\): asks first/);
  assert.match(dry.stdout, /\+ everything it changes can be undone/);
  assert.deepEqual(readdirSync(work).sort(), ['a.log', 'b.log'], 'a dry run changes nothing');

  const picked = await aios(
    env,
    ['do', 'delete all log files', '--alternatives', '3', '--pick', '2', '--yes', '--json'],
    {
      cwd: work,
    },
  );
  assert.equal(picked.code, 0, picked.stderr);
  const out = JSON.parse(picked.stdout);
  assert.equal(out.alternatives.length, 3);
  assert.equal(out.alternatives[1].label, 'as asked');
  assert.deepEqual(
    out.steps.map((s: { action: string }) => s.action),
    ['find', 'delete'],
  );
  assert.equal(existsSync(join(work, 'a.log')), false, 'the picked way ran: the logs are deleted');

  const history = JSON.parse((await aios(env, ['history', '--json'])).stdout);
  const ran = history.find((h: { id: string }) => h.id === out.id);
  assert.equal(ran.status, 'done');
  assert.equal(ran.choice.by, 'person');
  assert.equal(ran.choice.of.length, 3);

  writeFileSync(join(work, 'c.log'), 'c\n');
  const best = await aios(env, ['do', 'delete all log files', '--alternatives', '2', '--yes'], { cwd: work });
  assert.equal(best.code, 0, best.stderr);
  assert.match(
    best.stdout,
    /Chose 1: move into a folder 'archived' instead of deleting \[offline\] \(best score\)/,
  );
  assert.ok(existsSync(join(work, 'archived', 'c.log')), 'the best way ran');
});

test('aios do --alternatives and --pick refuse bad numbers with one line and exit 2', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'a.log'), 'a\n');
  for (const [args, pattern] of [
    [['--alternatives', '0'], /--alternatives is '0'; give a number of plans from 1 to 8/],
    [['--alternatives', '9'], /--alternatives is '9'; give a number of plans from 1 to 8/],
    [
      ['--alternatives', '2', '--pick', '5'],
      /--pick is '5', but there are 2 alternatives; pick a number from 1 to 2/,
    ],
    [['--alternatives', '2', '--pick', 'x'], /--pick is 'x'/],
    [['--pick', '1'], /--pick chooses among alternatives; give --alternatives K too/],
  ] as const) {
    const r = await aios(env, ['do', 'delete a.log', ...args, '--dry-run'], { cwd: work });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
  }
  assert.ok(existsSync(join(work, 'a.log')));
});
