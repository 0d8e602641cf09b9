import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootApi } from '../../test/helpers/api.ts';
import { TALLY, TallyGateway } from '../../test/helpers/tally-service.ts';
import { invokeVia } from '../api/invoke.ts';
import { type CommandContext, UsageError } from './command.ts';
import { viewResult } from './result-view.ts';
import { OpUsageError, opArgs, opHelp, serviceHelp } from './service-args.ts';
import { serviceCommand } from './service-command.ts';

test("an operation's command line is read by its schema: positionals, typed flags, lists", () => {
  assert.deepEqual(opArgs(TALLY, 'add', ['cups', '--by', '3', '--tags', 'red,blue']).args, {
    name: 'cups',
    by: 3,
    tags: ['red', 'blue'],
  });
  // a list positional takes the remaining words, commas or not
  assert.deepEqual(opArgs(TALLY, 'reset', ['cups', 'plates,bowls']).args, {
    names: ['cups', 'plates', 'bowls'],
  });
  assert.deepEqual(opArgs(TALLY, 'list', ['--ascending', '--min=-2.5', '--tags', 'red', '--json']), {
    args: { ascending: true, min: -2.5, tags: ['red'] },
    json: true,
    help: false,
  });
  assert.equal(opArgs(TALLY, 'list', ['--help']).help, true);
});

test('a mistake on the command line is one line naming the argument and what it must be', () => {
  const cases: [string, string[], string][] = [
    ['add', [], 'missing <name>'],
    ['add', ['cups', '--by', 'three'], "--by must be a number, not 'three'"],
    ['add', ['cups', '--by', '2.5'], "--by must be a whole number, not '2.5'"],
    ['add', ['cups', '--by', '5000'], "--by must be at most 1000, not '5000'"],
    ['add', ['cups', '--tags', 'red,green'], "--tags must be one of red, blue, not 'red,green'"],
    ['add', ['cups', '--colour', 'red'], "unknown option '--colour'"],
    ['list', ['cups'], "unexpected argument 'cups'"],
  ];
  for (const [op, argv, message] of cases) {
    assert.throws(
      () => opArgs(TALLY, op, argv),
      (e: unknown) =>
        e instanceof OpUsageError && e.message === message && e.hint === `see 'aios tally ${op} --help'`,
      `${op} ${argv.join(' ')}`,
    );
  }
});

test('the help of a service and of each operation is written from its declaration', () => {
  const help = serviceHelp(TALLY);
  assert.match(help, /^aios tally — Named counters/);
  assert.match(help, /^ {2}reset +Remove counters$/m);
  const add = opHelp(TALLY, 'add');
  assert.match(add, /aios tally add <name> \[--by N\] \[--tags red\|blue,…\] \[--json\]/);
  assert.match(add, /--by N +a whole number, 1 to 1000$/m);
  assert.match(add, /Access: write; risk 1 \(creates or moves\)/);
});

function capture(home: string): { ctx: (argv: string[]) => CommandContext; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    ctx: (argv) => ({
      values: {},
      positionals: argv,
      json: argv.includes('--json'),
      debug: false,
      home,
      out: (line = '') => lines.push(line),
      err: (line) => lines.push(line),
    }),
  };
}

test('aios NOUN OP calls the derived route and shows the result; --json prints exactly the result', async (t) => {
  const gateway = new TallyGateway();
  const api = await bootApi(t, { gateway });
  const command = serviceCommand(TALLY, (_home, fn) =>
    fn(invokeVia((path, init) => api.owner.request(path, init))),
  );
  const { ctx, lines } = capture(api.env.aiosHome);
  assert.equal(await command.run(ctx(['add', 'cups', '--by', '2', '--tags', 'red'])), 0);
  assert.deepEqual(lines.splice(0), ['name: cups', 'value: 2', 'tags: red']);
  await command.run(ctx(['add', 'plates']));
  lines.length = 0;
  await command.run(ctx(['list']));
  assert.deepEqual(lines.splice(0), ['NAME    VALUE  TAGS', 'cups        2  red', 'plates      1  -']);
  await command.run(ctx(['list', '--tags', 'red', '--json']));
  assert.deepEqual(JSON.parse(lines.splice(0).join('\n')), {
    tallies: [{ name: 'cups', value: 2, tags: ['red'] }],
  });
  await assert.rejects(command.run(ctx(['get', 'nope'])), /No tally 'nope'; add it first/);
  await assert.rejects(
    command.run(ctx(['lst'])),
    (e: unknown) =>
      e instanceof UsageError && e.message === "unknown operation 'lst'; tally takes list, get, add, reset",
  );
  await assert.rejects(
    command.run(ctx(['--json', 'list'])),
    /the operation comes first, before '--json'; tally takes add, get, list, reset/,
  );
  assert.equal(await command.run(ctx([])), 2, 'no operation: the help, and a usage exit');
  assert.match(lines.join('\n'), /Operations:/);
});

test('results are shown as tables and key: value lines, whatever the service, within the width', () => {
  const now = Date.UTC(2026, 0, 2);
  const memory = {
    id: 7,
    kind: 'archival',
    text: 'Dana handles the annual audit and everything that comes with it, every single year',
    metadata: { source: 'chat' },
    hash: 'ab'.repeat(32),
    createdAt: now - 3_600_000,
    updatedAt: now - 60_000,
    score: 0.032786885,
  };
  const table = viewResult({ hits: [memory, { ...memory, id: 12, text: 'short' }] }, { width: 60, now });
  assert.equal(table[0], 'ID  KIND      UPDATED_AT   SCORE  TEXT');
  assert.ok(
    table.every((l) => l.length <= 60),
    table.join('\n'),
  );
  assert.match(table[1], /^ 7 +archival +1m ago +0\.0328 +Dana handles the annual .*…$/);
  assert.ok(table[1].endsWith('…'), 'the long text is cut to fit');
  assert.ok(!table.join('\n').includes('abab'), 'digests stay out of tables');
  const record = viewResult(memory, { now });
  assert.ok(record.includes(`text: ${memory.text}`), 'a record shows its text whole');
  assert.ok(record.includes('metadata: {"source":"chat"}'));
  assert.ok(record.includes(`updatedAt: ${new Date(now - 60_000).toISOString()}`));
  assert.deepEqual(viewResult({ hits: [] }), ['(none)']);
  assert.deepEqual(viewResult({ forgotten: 3 }), ['forgotten: 3']);
  const graph = viewResult({ nodes: [{ id: 1 }], links: [{ from: 1, to: 2 }] }, { now });
  assert.deepEqual(graph, ['nodes:', 'ID', ' 1', '', 'links:', 'FROM  TO', '   1   2']);
});
