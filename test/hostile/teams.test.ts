/**
 * Hostile: a role agent of a team can do only what its role's handles allow, whatever its code
 * says. The owner may hand a team role agents of its own (`--role ROLE=FILE`); they run with that
 * role's rights, so these attackers are spawned exactly as the team's own roles are:
 *
 * - a researcher (read-only) that tries to write a file, through the planner and by asking the
 *   kernel for a write directly;
 * - a validator (read-only) that tries to delete the files the team just archived;
 * - an executor that tries to reach outside its team: a bystander's context on the bus, a
 *   bystander's private intent, and channels it was never given (guessed handle values).
 *
 * Each is refused (by the kernel on the role's own handle, by the planner on the rights the host
 * vouched for, by busd and semantic-ipcd on the name the host vouched for), nothing changes on
 * disk, the team fails saying so, and the host and a bystander agent keep running. And over the
 * HTTP API a session never gives its team more than it holds, nor role agents of its own.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';

const GOAL = 'archive the log files in ~/logs older than a week';

/** A role agent speaking the team protocol (docs/teams.md), whose step is `attack`. */
const role = (attack: string) => `
export default async function (os) {
  const { labels } = await os.info(os.handles.self);
  const team = os.handles.team;
  const tryIt = async (what, fn) => {
    try { await fn(); return what + ': allowed'; } catch (e) { return what + ': ' + (e.code ?? e.message); }
  };
  await os.ipc.send(team, { ready: labels.role });
  for (;;) {
    const m = await os.ipc.recv(team);
    const step = m.json();
    if (step.step === 'stop') { await os.ipc.reply(team, m, { ok: true, text: 'stopped' }); return; }
    const tried = [];
    ${attack}
    await os.ipc.reply(team, m, { ok: false, text: 'tried ' + tried.join(', ') });
  }
}`;

test('role agents that exceed their rights are refused, the team says so, the host and a bystander run on', async (t) => {
  const env = testEnv(t);
  const logs = join(env.home, 'logs');
  mkdirSync(logs, { recursive: true });
  const old = new Date(Date.now() - 10 * 86_400_000);
  for (const name of ['a.log', 'b.log']) {
    writeFileSync(join(logs, name), name);
    utimesSync(join(logs, name), old, old);
  }
  const file = (name: string, code: string) => {
    const path = join(env.dir, name);
    writeFileSync(path, code);
    return path;
  };
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const cli = (args: string[]) => aios(env, args, { timeoutMs: 180_000 });

  // a bystander: owns a context nobody was given, and an intent only it may reach
  const bystander = file(
    'bystander.ts',
    `export default async function (os) {
       const bus = os.services.client('busd');
       await bus.create({ name: 'bystander.notes' });
       await os.intent.register({ intent: 'bystander.private', description: 'Private notes of the bystander',
         examples: ['keep my private notes'], allow: ['bystander'] });
       for (;;) { const { message } = await os.intent.next({}); if (message) await os.intent.answer({ id: message.id, reply: 'leaked' }); }
     }`,
  );
  const spawned = await cli(['spawn', bystander, '--name', 'bystander']);
  assert.equal(spawned.code, 0, spawned.stderr);
  const bystanderPid = /\d+/.exec(spawned.stdout)?.[0];

  // the researcher reads only: a write through the planner, and the kernel's consent to one
  const writer = file(
    'researcher.ts',
    role(`
    tried.push(await tryIt('planner write', () => os.plan.run({ plan: { nodes: [{ id: 'w', kind: 'tool', tool: 'files.write', args: { path: 'logs/pwned.txt', content: 'x' } }] }, wait: true })));
    tried.push(await tryIt('kernel write', () => os.sys('tool_invoke', { handle: os.handles.tool, tool: 'files', action: 'write', risk: 1, target: 'logs/pwned.txt' })));`),
  );
  const r1 = await cli(['team', 'run', GOAL, '--role', `researcher=${writer}`]);
  assert.equal(r1.code, 1, r1.stdout);
  assert.match(
    r1.stderr,
    /^aios team: The researcher could not research \(asked by kernel IPC to pid \d+\): tried planner write: E_NO_RIGHTS, kernel write: E_NO_RIGHTS$/m,
  );
  assert.match(r1.stdout, /researcher -> manager +refusal +tried planner write: E_NO_RIGHTS/);
  assert.equal(existsSync(join(logs, 'pwned.txt')), false, 'nothing was written');

  // the validator reads only: it tries to delete what the team archived
  const deleter = file(
    'validator.ts',
    role(`
    tried.push(await tryIt('planner delete', () => os.plan.run({ plan: { nodes: [{ id: 'd', kind: 'tool', tool: 'files.delete', args: { paths: ['logs/a.log', 'logs/b.log'] } }] }, wait: true })));
    tried.push(await tryIt('kernel delete', () => os.sys('tool_invoke', { handle: os.handles.tool, tool: 'files', action: 'delete', risk: 3, target: 'logs/a.log' })));`),
  );
  const r2 = await cli(['team', 'run', GOAL, '--role', `validator=${deleter}`]);
  assert.equal(r2.code, 1, r2.stdout);
  assert.match(
    r2.stdout,
    /executor -> manager +reply +plan run p[0-9a-f]+ done/,
    'the real executor ran first',
  );
  assert.match(
    r2.stderr,
    /The validator could not validate .*tried planner delete: E_NO_RIGHTS, kernel delete: E_NO_RIGHTS$/m,
  );
  assert.deepEqual(readdirSync(logs).sort(), ['a.log', 'archive', 'b.log'], 'nothing was deleted');

  // the executor tries to reach outside its team
  const stray = file(
    'executor.ts',
    role(`
    const bus = os.services.client('busd');
    tried.push(await tryIt('own context', () => bus.publish({ context: step.context, type: 'note', data: 1 })));
    tried.push(await tryIt('bystander context', () => bus.publish({ context: 'bystander.notes', type: 'spam', data: 1 })));
    tried.push(await tryIt('bystander intent', () => os.intent.send({ intent: 'bystander.private', payload: 'hi' })));
    let guessed = 'none';
    for (const h of [1, 2, 3, 1000, 123456789, 4294967295]) {
      const r = await tryIt('h', () => os.ipc.trySend(h, 'hello'));
      if (!r.endsWith('E_BAD_HANDLE')) guessed = r;
    }
    tried.push('guessed handles: ' + (guessed === 'none' ? 'E_BAD_HANDLE' : guessed));`),
  );
  const r3 = await cli(['team', 'run', GOAL, '--role', `executor=${stray}`]);
  assert.equal(r3.code, 1, r3.stdout);
  assert.match(
    r3.stderr,
    /The executor could not execute .*tried own context: allowed, bystander context: E_NO_RIGHTS, bystander intent: E_NO_RIGHTS, guessed handles: E_BAD_HANDLE$/m,
  );
  const notes = await cli(['context', 'read', 'bystander.notes', '--json']);
  assert.equal(notes.code, 0, notes.stderr);
  assert.deepEqual(JSON.parse(notes.stdout).events, [], "nothing reached the bystander's context");

  // the kernel's refusals are in the audit, on the roles' own handles
  const audit = await cli(['audit', 'export']);
  const denied = audit.stdout
    .split('\n')
    .filter((l) => l.includes('"tool_invoke"') && l.includes('"ok":false') && l.includes('"tool":"files"'));
  assert.ok(
    denied.some((l) => l.includes('"action":"write"')) && denied.some((l) => l.includes('"action":"delete"')),
    `the kernel's refusals are audited:\n${denied.join('\n')}`,
  );

  // the host serves on, and the bystander still runs
  const ps = await cli(['ps', '--json']);
  assert.equal(ps.code, 0, ps.stderr);
  const agents = JSON.parse(ps.stdout) as { pid: number; name: string; state: string }[];
  const b = agents.find((a) => String(a.pid) === bystanderPid);
  assert.ok(b && ['running', 'blocked'].includes(b.state), `the bystander runs: ${JSON.stringify(b)}`);
  assert.equal(
    agents.filter(
      (a) =>
        a.name.startsWith('t') &&
        /-(researcher|planner|executor|validator)$/.test(a.name) &&
        ['running', 'blocked'].includes(a.state),
    ).length,
    0,
    'no role agent outlives its team',
  );
  const ls = await cli(['team', 'ls', '--json']);
  assert.deepEqual(
    JSON.parse(ls.stdout).teams.map((x: { state: string }) => x.state),
    ['failed', 'failed', 'failed'],
  );

  // a token's session whose tool handle creates (risk 1) cannot give its team deletes
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const minted = await cli(['token', 'mint', '--scope', 'resource:tool', '--rights', 'use,read,write']);
  const token = minted.stdout.trim();
  const post = async (body: unknown) => {
    const res = await fetch(`${url}/v1/team/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const more = await post({ goal: GOAL, rights: 'delete' });
  assert.equal(more.status, 403, JSON.stringify(more.body));
  assert.match(
    String(more.body.detail),
    /^'token\/[^']+' holds tool rights up to risk 1 \(creates or moves\), so its team cannot be given 'delete'; a team never gets more than its caller holds$/,
  );
  const own = await post({ goal: GOAL, roles: { researcher: writer } });
  assert.equal(own.status, 403, JSON.stringify(own.body));
  assert.equal(own.body.detail, 'Only the owner may give a team role agents of its own; leave out roles');
  // a session holding no tool rights gets no team: its researcher would read what it cannot
  const blind = await cli(['token', 'mint', '--rights', 'inspect,use,read,write']);
  const nothing = await fetch(`${url}/v1/team/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${blind.stdout.trim()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ goal: 'list the log files in ~/logs' }),
  });
  const refusedBody = (await nothing.json()) as { detail: string };
  assert.equal(nothing.status, 403, JSON.stringify(refusedBody));
  assert.match(
    refusedBody.detail,
    /^'token\/[^']+' holds no tool rights, and a team's roles read files with its caller's rights/,
  );
  const fair = await post({ goal: 'list the log files in ~/logs', rights: 'create', wait: true });
  assert.equal(fair.status, 200, JSON.stringify(fair.body));
  assert.match(String(fair.body.submitter), /^token\//);
  assert.equal(fair.body.rights, 'create');
});
