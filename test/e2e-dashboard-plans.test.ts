/**
 * The dashboard's Plans view end to end in headless Chromium (Debian's, driven by
 * playwright-core) against a real `aios up`. The owner submits plans with an approval node
 * through `aios plan run`; the login URL's session does not see them and says how to log in with
 * the owner's token; logged in with it, the page lists the run waiting, shows its nodes (a node output that
 * holds markup as the text it is), refuses arguments that are not JSON with one line and
 * sends nothing, approves with edited arguments (the gated node writes the edited content),
 * and rejects a second run, which ends `rejected`. The states change without a reload. Set
 * AIOS_E2E_SHOTS=DIR to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromiumMissing, launch, loginAsOwner, shot, watch } from './helpers/browser.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

test('dashboard plans panel: a waiting run, edited arguments approved, a run rejected, markup shown as text', {
  skip: chromiumMissing,
  timeout: 240_000,
}, async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'draft.txt'), HOSTILE);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /aios dashboard: (\S+)/.exec(up.output())?.[1];
  if (!url?.includes('#login=')) assert.fail(`aios up printed no login URL: ${up.output()}`);

  // the owner submits, as test/planner.test.ts does: a read whose output holds markup, an
  // approval that may edit the publish node, and the publish
  writeFileSync(
    join(work, 'gated.yaml'),
    `name: gated
nodes:
  - { id: read, kind: tool, tool: files.read, args: { path: draft.txt } }
  - { id: review, kind: approval, prompt: "Publish the note?", target: publish, after: [read] }
  - { id: publish, kind: tool, tool: files.write, args: { path: published.txt, content: draft } }
`,
  );
  const submit = async () => {
    const r = await aios(env, ['plan', 'run', 'gated.yaml', '--wait', '--json'], {
      cwd: work,
      timeoutMs: 60_000,
    });
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout) as { id: string; state: string };
    assert.equal(run.state, 'waiting');
    return run.id;
  };
  const first = await submit();

  const context = await launch(env);
  t.after(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const { errors, dialogs } = watch(page);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/v1/plan/')) posts.push(r.url());
  });

  await page.goto(url);
  await page.getByText('● live').waitFor({ timeout: 10_000 });
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Plans' }).click();

  // the login URL's token is not the owner's (it lacks mint), so its session sees only runs it
  // submitted: the panel says so and gives the command for an owner's token, which works as shown
  await loginAsOwner(page, env, 'Plans', 'plans-empty');

  // the run is listed waiting on its approval node
  const runs = page.getByTestId('plan-runs');
  const row = runs.locator(`tr[data-id="${first}"]`);
  await row.waitFor({ timeout: 15_000 });
  const cells = await row.locator('td').allTextContents();
  assert.deepEqual(
    [cells[0], cells[1], cells[2], cells[4], cells[5]],
    [first, 'gated', 'waiting', '1 / 3', 'review'],
  );
  await row.getByRole('button', { name: first }).click();

  // its detail: nodes with states, the read's output (markup) as text, a checkpoint
  const detail = page.getByTestId('plan-detail');
  await detail.getByTestId('plan-state').filter({ hasText: 'waiting' }).waitFor();
  const read = detail.locator('tr[data-node="read"]');
  assert.match((await read.getByTestId('plan-output').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('section.plans img').count(), 0, 'no element was made from the output');
  await detail.getByTestId('plan-checkpoints').getByText('read').waitFor();
  await detail
    .getByTestId('plan-decision')
    .getByText(/Publish the note\?/)
    .waitFor();
  await shot(page, env, 'plans-1-waiting');

  // arguments that are not JSON: one line, nothing sent
  const decision = detail.getByTestId('plan-decision');
  const box = decision.getByLabel(/Edit arguments/);
  await box.fill('{"content": final}');
  await decision.getByRole('button', { name: 'Approve' }).click();
  const alert = decision.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(
    (await alert.textContent()) ?? '',
    /^The arguments are not valid JSON \(.+\); fix them or clear the box$/,
  );
  assert.deepEqual(posts, [], 'nothing was sent');
  assert.equal(existsSync(join(work, 'published.txt')), false);
  await shot(page, env, 'plans-2-bad-json');

  // edited and approved: the run goes on and ends done, the file holds the edited content
  await box.fill('{"content": "final"}');
  await decision.getByRole('button', { name: 'Approve' }).click();
  await detail.getByTestId('plan-state').filter({ hasText: 'done' }).waitFor({ timeout: 30_000 });
  await row.locator('td', { hasText: 'done' }).waitFor({ timeout: 15_000 });
  assert.equal(readFileSync(join(work, 'published.txt'), 'utf8'), 'final');
  assert.equal(await detail.getByTestId('plan-decision').count(), 0, 'nothing waits any more');
  await shot(page, env, 'plans-3-approved');

  // a second run appears without a reload and is rejected from the panel
  const second = await submit();
  const other = runs.locator(`tr[data-id="${second}"]`);
  await other.waitFor({ timeout: 15_000 });
  await other.getByRole('button', { name: second }).click();
  await detail.getByTestId('plan-state').filter({ hasText: 'waiting' }).waitFor();
  const reason = detail.getByLabel('Reason to reject (optional)');
  await reason.fill('not today');
  // Enter in the reason box decides nothing (checked below: only approve and reject were posted)
  await reason.press('Enter');
  await detail.getByRole('button', { name: 'Reject' }).click();
  await detail.getByTestId('plan-state').filter({ hasText: 'rejected' }).waitFor({ timeout: 30_000 });
  await other.locator('td', { hasText: 'rejected' }).waitFor({ timeout: 15_000 });
  assert.equal(
    readFileSync(join(work, 'published.txt'), 'utf8'),
    'final',
    'the rejected run published nothing',
  );
  assert.deepEqual(
    posts.map((p) => new URL(p).pathname),
    ['/v1/plan/approve', '/v1/plan/reject'],
  );
  const shown = await aios(env, ['plan', 'show', second, '--json'], { cwd: work, timeoutMs: 60_000 });
  assert.equal((JSON.parse(shown.stdout) as { state: string }).state, 'rejected');
  await shot(page, env, 'plans-4-rejected');

  assert.deepEqual(dialogs, [], 'no script from a node output ran');
  assert.deepEqual(errors, [], 'no errors in the page');
});
