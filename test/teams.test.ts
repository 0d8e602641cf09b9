/**
 * Multi-agent teams through the surfaces a person uses, against a running `aios up`, offline:
 * `aios team run GOAL` on a folder of logs under the test's HOME achieves its goal (the old logs
 * are archived, the recent one is not), prints each role's part as it happens, is listed and
 * replayed by `aios team ls/show`, and leaves its messages, decisions and verdict in the audit.
 * Bad input (an empty goal, an unknown right) is one line and exit 2.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { list } from 'tar';
import { AIOS_BIN, aios, aiosUp, testEnv } from './helpers/env.ts';

const GOAL = 'find the largest log files in ~/logs and archive the ones older than a week';

test('aios team run: four role agents archive the old logs, shown as they talk, replayed, audited', async (t) => {
  const env = testEnv(t);
  const logs = join(env.home, 'logs');
  mkdirSync(logs, { recursive: true });
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
  for (const [name, bytes, old] of [
    ['app.log', 30_000, true],
    ['server.log', 50_000, true],
    ['today.log', 10_000, false],
  ] as const) {
    writeFileSync(join(logs, name), 'x'.repeat(bytes));
    if (old) utimesSync(join(logs, name), tenDaysAgo, tenDaysAgo);
  }
  writeFileSync(join(logs, 'notes.txt'), 'not a log');
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const cli = (...args: string[]) => aios(env, ['team', ...args], { timeoutMs: 180_000 });

  const run = await cli('run', GOAL);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  for (const role of ['researcher', 'planner', 'executor', 'validator'])
    assert.ok(
      lines.some((l) => l.startsWith(`${role} -> manager`)),
      `the transcript has the ${role} answering the manager:\n${run.stdout}`,
    );
  assert.match(run.stdout, /researcher -> manager +reply +found 3 \.log file\(s\) in ~\/logs/);
  assert.match(run.stdout, /manager -> researcher +route +reached by meaning \('research a goal'/);
  assert.match(run.stdout, /manager -> planner +message +plan \(round 1\) via kernel IPC/);
  assert.match(run.stdout, /validator -> team +verdict +pass: 2 file\(s\) archived/);
  const id = /^team (t[0-9a-f]{8}) passed/m.exec(run.stdout)?.[1];
  assert.ok(id, run.stdout);

  // the goal is achieved: an archive holding exactly the two old logs, the logs themselves kept
  const archives = readdirSync(join(logs, 'archive'));
  assert.equal(archives.length, 1);
  const held: string[] = [];
  await list({ file: join(logs, 'archive', archives[0]), onReadEntry: (e) => void held.push(e.path) });
  assert.deepEqual(held.sort(), ['app.log', 'server.log']);
  assert.deepEqual(readdirSync(logs).sort(), ['app.log', 'archive', 'notes.txt', 'server.log', 'today.log']);

  const ls = await cli('ls');
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, new RegExp(`${id}\\s+passed`));
  // the replay says what the run printed, in the same lines
  const replay = await cli('show', id);
  assert.equal(replay.code, 0, replay.stderr);
  for (const l of lines.filter((x) => / (reply|verdict|decision) /.test(x)))
    assert.ok(replay.stdout.includes(l), `the replay has: ${l}`);
  assert.match(replay.stdout, /^ {2}executor +t[0-9a-f]{8}-executor \(pid \d+\): tools up to create$/m);
  const show = await cli('show', id, '--json');
  assert.equal(show.code, 0, show.stderr);
  const team = JSON.parse(show.stdout);
  assert.equal(team.state, 'passed');
  assert.equal(team.rights, 'create');
  assert.deepEqual(
    team.roles.map((r: { role: string; rights: string }) => `${r.role}: ${r.rights}`),
    [
      'researcher: tools: read only',
      'planner: no tools',
      'executor: tools up to create',
      'validator: tools: read only',
    ],
  );
  for (const kind of ['goal', 'spawn', 'message', 'route', 'reply', 'context', 'verdict', 'decision', 'end'])
    assert.ok(
      team.entries.some((e: { kind: string }) => e.kind === kind),
      `the replay has a ${kind}`,
    );

  // what they said is in the audit chain: each message, decision and verdict of the team
  const audit = await aios(env, ['audit', 'export'], { timeoutMs: 60_000 });
  assert.equal(audit.code, 0, audit.stderr);
  const teamLines = audit.stdout
    .split('\n')
    .filter((l) => l.includes('"tool":"teams"') && l.includes(`team ${id}`));
  for (const action of ['message', 'decision', 'verdict', 'reply'])
    assert.ok(
      teamLines.some((l) => l.includes(`"action":"${action}"`)),
      `a ${action} of the team is audited`,
    );
  assert.ok(
    teamLines.some((l) => l.includes('validator -> team: pass: 2 file(s) archived')),
    'the verdict is audited with who gave it',
  );
  // each role's own actions went through the planner with its own name: the executor's archive
  assert.ok(audit.stdout.includes(`for ${id}-executor`), "the executor's archive ran in its own name");

  // the same team over MCP (tools derived from the declaration), in a session of the owner's token
  const owner = (await aios(env, ['token', 'mint', '--rights', 'all'])).stdout.trim();
  const mcp = new Client({ name: 'aios-test', version: '1.0.0' });
  await mcp.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [AIOS_BIN, 'mcp', '--token', owner],
      env: env.env as Record<string, string>,
      cwd: env.dir,
      stderr: 'pipe',
    }),
  );
  t.after(() => mcp.close());
  const names = (await mcp.listTools()).tools.map((x) => x.name);
  for (const name of ['team_run', 'team_ls', 'team_show', 'team_watch'])
    assert.ok(names.includes(name), name);
  const viaMcp = (await mcp.callTool({ name: 'team_show', arguments: { id } })) as {
    isError?: boolean;
    content: { text: string }[];
  };
  assert.ok(!viaMcp.isError, viaMcp.content[0]?.text);
  assert.equal(JSON.parse(viaMcp.content[0].text).state, 'passed');

  // bad input: one line, exit 2
  const empty = await cli('run', '  ');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /^aios team: the goal is empty; say what the team should achieve/);
  assert.equal(empty.stderr.trim().split('\n').length, 1);
  const unknown = await cli('run', GOAL, '--rights', 'fly');
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.stderr.trim(),
    "aios team: unknown right 'fly' for --rights; use read, create, overwrite, delete (see 'aios team --help')",
  );
  const missing = await cli('show', 'tnosuchteam');
  assert.equal(missing.code, 1);
  assert.equal(
    missing.stderr.trim(),
    "aios team: No team 'tnosuchteam' of yours; 'aios team ls' lists your teams",
  );
});
