/**
 * `aios do --alternatives K` with a model configured, against a real local server speaking the
 * OpenAI protocol and one speaking Anthropic's: the model is asked once for up to K plans; each
 * is validated like a model's plan and previewed like any request, scored beside the offline
 * rewrites; an invalid one is dropped with its reason and never run; the best runs unless
 * `--pick N`; the choice and who proposed it are in `aios history`. A model that answers garbage
 * or cuts its stream leaves the offline alternatives with one line saying so, and a hostile
 * model's plans outside the roots or with tools that do not exist are dropped, nothing touched.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { aios, type TestEnv, testEnv } from '../helpers/env.ts';
import { type LlmServer, type Received, type Reply, startLlmServer } from '../helpers/llm-server.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

type T = { after(fn: () => unknown): void };
type Api = 'openai' | 'anthropic';

/** The request for alternatives, told apart from a translation by its instructions. */
const asksForWays = (r: Received) => JSON.stringify(r.body).includes('You propose different ways');

const step = (tool: string, action: string, args: Record<string, unknown>) => ({ tool, action, args });
const ways = (...plans: unknown[]): Reply => ({ kind: 'text', text: JSON.stringify({ plans }) });

/** The model translates "delete all log files" as a delete of both logs, and answers `alternatives` when asked for ways. */
function script(alternatives: Reply) {
  server.fallback = (r) =>
    asksForWays(r)
      ? alternatives
      : {
          kind: 'tools',
          text: 'Delete the log files.',
          calls: [{ name: 'files_delete', args: { paths: ['a.log', 'b.log'] } }],
        };
}

function place(t: T, api: Api) {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'a.log'), 'a\n');
  writeFileSync(join(work, 'b.log'), 'b\n');
  writeFileSync(join(work, 'notes.txt'), 'keep\n');
  const llm =
    api === 'openai'
      ? { AIOS_LLM_BASE_URL: `${server.url}/v1`, AIOS_LLM_MODEL: 'local-model' }
      : {
          AIOS_LLM_API: 'anthropic',
          AIOS_LLM_BASE_URL: server.url,
          AIOS_LLM_API_KEY: 'sk-ant-test',
          AIOS_LLM_MODEL: 'claude-local',
        };
  const withLlm: TestEnv = { ...env, env: { ...env.env, ...llm, AIOS_LLM_TIMEOUT_MS: '120000' } };
  t.after(() => {
    server.fallback = undefined;
  });
  return { env: withLlm, work };
}

const doIt = (env: TestEnv, work: string, args: string[]) =>
  aios(env, ['do', 'delete all log files', '--alternatives', '3', ...args], {
    cwd: work,
    timeoutMs: 120_000,
  });

interface Option {
  id: string;
  label: string;
  source: string;
  score: number;
  valid: boolean;
  rationale?: string;
}

for (const api of ['openai', 'anthropic'] as const) {
  test(`${api}: the model proposes K plans; one invalid is dropped with its reason; the best by score runs, or --pick N`, async (t) => {
    const { env, work } = place(t, api);
    script(
      ways(
        {
          label: 'pack the logs into logs.tar.gz',
          rationale: 'nothing is lost, the logs are only out of the way',
          confidence: 0.9,
          goal: 'Pack the logs',
          steps: [step('files', 'archive', { paths: ['a.log', 'b.log'], to: 'logs.tar.gz' })],
        },
        {
          label: 'broken arguments',
          goal: 'Delete the logs',
          steps: [step('files', 'delete', { paths: 7 })],
        },
        // the plan already made, proposed again: merged into it, not listed twice
        { label: 'just delete them', steps: [step('files', 'delete', { paths: ['a.log', 'b.log'] })] },
      ),
    );
    const seen = server.requests.length;
    const dry = await doIt(env, work, ['--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(server.requests.slice(seen).filter(asksForWays).length, 1, 'one request for the K plans');
    assert.match(
      dry.stdout,
      new RegExp(
        `ways to do it \\(proposed by the model ${api === 'openai' ? 'local-model' : 'claude-local'} and offline\\)`,
      ),
    );
    // a model's steps carry the catalog's highest risk for their actions (as a translated plan's
    // do), so the offline reading that only moves the logs aside scores best; the model's way
    // is scored beside it and above the plan as asked
    assert.match(dry.stdout, /^1\. move into a folder 'archived' instead of deleting \[offline\] {2}score/m);
    assert.match(dry.stdout, /^2\. pack the logs into logs\.tar\.gz \[model\] {2}score/m);
    assert.match(dry.stdout, /^3\. as asked \[model\] {2}score/m);
    assert.match(dry.stdout, /why: nothing is lost, the logs are only out of the way/);
    assert.match(dry.stdout, /= also proposed as 'just delete them' \[model\]/);
    assert.match(
      dry.stdout,
      /dropped: broken arguments \[model\]: step s1 \(files_delete\) has bad arguments: paths/,
    );
    assert.deepEqual(readdirSync(work).sort(), ['a.log', 'b.log', 'notes.txt'], 'a dry run changes nothing');

    const json = JSON.parse((await doIt(env, work, ['--dry-run', '--json'])).stdout);
    const options = json.alternatives as Option[];
    const scores = options.map((o) => o.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'best first',
    );
    assert.deepEqual(
      json.dropped.map((d: { label: string; source: string }) => [d.label, d.source]),
      [['broken arguments', 'model']],
    );
    assert.ok(!options.some((o) => o.label === 'broken arguments'), 'an invalid plan is never ranked');

    // --pick N: the model's way, picked by the person
    const model = options.findIndex((o) => o.source === 'model' && o.label.startsWith('pack'));
    const picked = await doIt(env, work, ['--pick', String(model + 1), '--yes', '--json']);
    assert.equal(picked.code, 0, picked.stderr);
    const ran = JSON.parse(picked.stdout);
    assert.ok(existsSync(join(work, 'logs.tar.gz')), 'the picked way ran');
    assert.ok(existsSync(join(work, 'a.log')), 'packing deletes nothing');

    // the best by score, as it runs
    const best = await doIt(env, work, ['--yes']);
    assert.equal(best.code, 0, best.stderr);
    assert.match(
      best.stdout,
      /Chose 1: move into a folder 'archived' instead of deleting \[offline\] \(best score\)/,
    );
    assert.deepEqual(readdirSync(join(work, 'archived')).sort(), ['a.log', 'b.log'], 'the best way ran');

    const history = JSON.parse((await aios(env, ['history', '--json'])).stdout);
    const pick = history.find((h: { id: string }) => h.id === ran.id);
    assert.equal(pick.status, 'done');
    assert.deepEqual(
      [pick.choice.by, pick.choice.label, pick.choice.source],
      ['person', 'pack the logs into logs.tar.gz', 'model'],
    );
    const byScore = history.find((h: { choice?: { by: string } }) => h.choice?.by === 'score');
    assert.equal(byScore.choice.source, 'offline');
    const text = (await aios(env, ['history'])).stdout;
    assert.match(
      text,
      /chosen among \d ways by you: pack the logs into logs\.tar\.gz, proposed by the model/,
    );
    assert.match(
      text,
      /chosen among \d ways by score: move into a folder 'archived' instead of deleting, proposed offline/,
    );
  });
}

test('a model answering garbage, cutting its stream or rate limiting for an hour leaves the offline alternatives with one line', async (t) => {
  for (const [api, reply] of [
    ['openai', { kind: 'text', text: 'Sure! Here are some ideas: {not json at all' }],
    ['anthropic', { kind: 'cut' }],
    // a rate limit asking for longer than retries.maxWaitMs is not waited for
    ['openai', { kind: 'status', status: 429, headers: { 'retry-after': '3600' } }],
  ] as const) {
    const { env, work } = place(t, api);
    script(reply);
    const r = await doIt(env, work, ['--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    const notes = r.stdout.split('\n').filter((l) => l.startsWith('The model proposed no alternatives'));
    assert.equal(notes.length, 1, r.stdout);
    assert.match(notes[0], /; these are the offline ones$/);
    assert.match(r.stdout, /ways to do it, best first:/);
    assert.match(r.stdout, /move into a folder 'archived' instead of deleting \[offline\]/);
    assert.doesNotMatch(r.stdout + r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
  }
});

test('a hostile model: plans outside the roots and with tools that do not exist are dropped, never run', async (t) => {
  const { env, work } = place(t, 'openai');
  const victim = join(env.dir, 'victim.txt');
  writeFileSync(victim, 'precious\n');
  script(
    ways(
      { label: 'tidy the parent', steps: [step('files', 'delete', { paths: ['../../victim.txt'] })] },
      { label: 'overwrite it', steps: [step('files', 'write', { path: victim, content: 'owned' })] },
      { label: 'power off', steps: [step('system', 'shutdown', {})] },
      { label: 'spawn a shell', steps: [step('kernel', 'spawn', { file: '/bin/sh' })] },
    ),
  );
  const r = await doIt(env, work, ['--yes', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const dropped = new Map(out.dropped.map((d: { label: string; reason: string }) => [d.label, d.reason]));
  assert.match(String(dropped.get('tidy the parent')), /outside the allowed roots/);
  assert.match(String(dropped.get('overwrite it')), /outside the allowed roots/);
  // the plan asked for four; the fourth is over K=3
  assert.match(String(dropped.get('power off')), /there is no action 'system.shutdown'/);
  assert.ok(dropped.has("the model's way 4") || dropped.has('spawn a shell'));
  const ranked = (out.alternatives as Option[]).map((o) => o.label);
  for (const label of dropped.keys()) assert.ok(!ranked.includes(String(label)), `${label} is not ranked`);
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'nothing outside the roots changed');
  assert.ok(existsSync(join(work, 'notes.txt')));
});
