/**
 * The planner through the surfaces a person uses, against a running `aios up`: `aios plan run
 * FILE`, an approval decided from the CLI (with edited arguments), ls/show/checkpoints, fork,
 * reject, cancel, bad input as one line with exit 2, and the derived HTTP API (`/v1/plan/…`) as a
 * token's session, which runs plans with that token's rights.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

test('aios plan: run, approve with edited arguments, checkpoints, fork, reject, cancel, bad input', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const plan = (name: string, text: string) => {
    writeFileSync(join(work, name), text);
    return name;
  };
  const cli = (...args: string[]) => aios(env, ['plan', ...args], { cwd: work, timeoutMs: 60_000 });
  const json = async (...args: string[]) => {
    const r = await cli(...args, '--json');
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };

  const gated = plan(
    'gated.yaml',
    `name: gated
nodes:
  - { id: draft, kind: tool, tool: files.write, args: { path: note.txt, content: draft } }
  - { id: review, kind: approval, prompt: "Publish the note?", target: publish, after: [draft] }
  - { id: publish, kind: tool, tool: files.append, args: { path: published.txt, content: draft } }
`,
  );
  const started = await json('run', gated, '--wait');
  assert.equal(started.state, 'waiting');
  assert.deepEqual(
    started.waiting.map((w: { node: string }) => w.node),
    ['review'],
  );
  const ls = await cli('ls');
  assert.match(ls.stdout, new RegExp(`${started.id}\\s+gated\\s+waiting`));
  const shown = await cli('show', started.id);
  assert.match(shown.stdout, /review\s+approval\s+waiting/);
  assert.match(shown.stdout, /Waits for approval: Publish the note\?/);

  const notWaiting = await cli('approve', started.id, '--node', 'draft');
  assert.equal(notWaiting.code, 1);
  assert.equal(
    notWaiting.stderr.trim(),
    `aios plan: Node 'draft' of run ${started.id} is done, not waiting; only a waiting node can be approved`,
  );
  const unknown = await cli('approve', 'pnosuchrun');
  assert.equal(unknown.code, 1);
  assert.equal(
    unknown.stderr.trim(),
    "aios plan: No plan run 'pnosuchrun' of yours; 'aios plan ls' lists your runs",
  );

  const approved = await cli('approve', started.id, '--node', 'review', '--args', '{"content":"final"}');
  assert.equal(approved.code, 0, approved.stderr);
  const done = await json('wait', started.id);
  assert.equal(done.state, 'done');
  assert.equal(
    readFileSync(join(work, 'published.txt'), 'utf8'),
    'final\n',
    'the approver edited the gated node',
  );

  // each node's start and finish is in the audit chain, with the run, the node and the submitter
  const audit = await aios(env, ['audit', 'export'], { timeoutMs: 60_000 });
  assert.equal(audit.code, 0, audit.stderr);
  for (const event of [
    'run_submitted',
    'node_start',
    'node_done',
    'node_waiting',
    'node_approved',
    'run_done',
  ]) {
    assert.ok(
      audit.stdout
        .split('\n')
        .some((l) => l.includes(`"action":"${event}"`) && l.includes(`run ${started.id}`)),
      `${event} is audited`,
    );
  }
  assert.ok(
    audit.stdout.includes(`plan ${started.id} node publish for init`),
    "the action's own consent names the run",
  );
  const cps = await json('checkpoints', started.id);
  assert.deepEqual(
    cps.checkpoints.map((c: { node: string }) => c.node),
    ['draft', 'review', 'publish'],
  );
  const forked = await json('fork', started.id, '--from', 'review');
  const forkDone = await json('wait', forked.id);
  assert.equal(forkDone.state, 'done');
  assert.equal(forkDone.forkedFrom, started.id);
  assert.equal(
    readFileSync(join(work, 'published.txt'), 'utf8'),
    'final\nfinal\n',
    'publish ran again, with the approved args',
  );

  const again = await json('run', gated, '--wait');
  const rejected = await json('reject', again.id, '--reason', 'not this one');
  assert.equal(rejected.state, 'rejected');
  assert.equal(rejected.error, 'Rejected by init: not this one');
  const third = await json('run', gated, '--wait');
  const cancelled = await json('cancel', third.id);
  assert.equal(cancelled.state, 'cancelled');

  const bad: [string, RegExp][] = [
    [
      'nodes:\n  - {id: a, kind: tool, tool: files.list, args: {path: .}, after: [b]}\n  - {id: b, kind: tool, tool: files.list, args: {path: .}, after: [a]}\n',
      /^aios plan: The plan has a cycle: (a -> b -> a|b -> a -> b);/,
    ],
    [
      'nodes:\n  - {id: a, kind: spell}\n',
      /^aios plan: Node 'a' has the unknown kind 'spell'; use one of tool, llm, agent, approval, plan/,
    ],
    [
      'nodes:\n  - {id: a, kind: tool, tool: files.read, args: {path: {$from: gone.output.path}}}\n',
      /^aios plan: Node 'a' in its arguments references 'gone.output.path', but no node is named 'gone'/,
    ],
    [
      'nodes:\n  - {id: a, kind: tool, tool: files.shred, args: {}}\n',
      /^aios plan: Node 'a' uses the unknown tool 'files.shred'/,
    ],
  ];
  for (const [i, [text, pattern]] of bad.entries()) {
    const r = await cli('run', plan(`bad${i}.yaml`, text));
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  }
  const missing = await cli('run', 'nope.yaml');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^aios plan: cannot read the plan file 'nope.yaml' \(no such file\)/);
});

test('the derived HTTP API: a token session runs a plan with its own rights and reads it back', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const mint = async (...args: string[]) => {
    const r = await aios(env, ['token', 'mint', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  };
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const target = join(work, 'api.txt');
  const plan = {
    nodes: [{ id: 'note', kind: 'tool', tool: 'files.append', args: { path: target, content: 'via api' } }],
  };

  const writer = await mint('--scope', 'resource:tool', '--rights', 'use,read,write');
  const ran = await call(writer, 'POST', '/v1/plan/run', { plan, wait: true });
  assert.equal(ran.status, 200, JSON.stringify(ran.body));
  assert.equal(ran.body.state, 'done');
  assert.match(String(ran.body.submitter), /^token\//, "the run records the token's session");
  assert.equal(readFileSync(target, 'utf8'), 'via api\n');
  const shown = await call(writer, 'GET', `/v1/plan/show?id=${ran.body.id}`);
  assert.equal(shown.status, 200);
  assert.equal((shown.body.nodes as { state: string }[])[0].state, 'done');
  const none = await call(writer, 'GET', '/v1/plan/show?id=pnosuchrun');
  assert.equal(none.status, 404);

  const reader = await mint('--scope', 'resource:tool', '--rights', 'use,read,write', '--ttl', '1h');
  const other = await call(reader, 'GET', `/v1/plan/show?id=${ran.body.id}`);
  assert.equal(other.status, 404, 'another session does not see the run');
  const noTool = await mint('--rights', 'inspect,use,read,write');
  const refused = await call(noTool, 'POST', '/v1/plan/run', { plan });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.match(
    String(refused.body.detail),
    /^Node 'note' runs files.append \(risk 1\), but 'token\/[^']+' holds no tool rights/,
  );
});
