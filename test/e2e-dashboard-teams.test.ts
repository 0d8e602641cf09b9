/**
 * The dashboard's Teams view end to end in headless Chromium (Debian's, driven by
 * playwright-core) against a real `aios up`. The owner runs a team with `aios team run`; the
 * login URL's session does not see it and says how to log in with the owner's token; logged in
 * with it, the page lists the team passed, and the chosen team shows each role with the rights it
 * held and the transcript naming every role, the verdict included. A goal that holds markup is
 * shown as the text it is. Set AIOS_E2E_SHOTS=DIR to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromiumMissing, launch, loginAsOwner, shot, watch } from './helpers/browser.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const GOAL = 'archive the log files in ~/logs older than a week <img src=x onerror=alert(1)>';

test('dashboard teams panel: a team listed, its roles and rights, its transcript, markup as text', {
  skip: chromiumMissing,
  timeout: 240_000,
}, async (t) => {
  const env = testEnv(t);
  const logs = join(env.home, 'logs');
  mkdirSync(logs, { recursive: true });
  const old = new Date(Date.now() - 10 * 86_400_000);
  writeFileSync(join(logs, 'a.log'), 'a');
  utimesSync(join(logs, 'a.log'), old, old);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /aios dashboard: (\S+)/.exec(up.output())?.[1];
  if (!url?.includes('#login=')) assert.fail(`aios up printed no login URL: ${up.output()}`);
  const ran = await aios(env, ['team', 'run', GOAL, '--json'], { timeoutMs: 180_000 });
  assert.equal(ran.code, 0, ran.stderr);
  const id = (JSON.parse(ran.stdout) as { id: string }).id;

  const context = await launch(env);
  t.after(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const { errors, dialogs } = watch(page);

  await page.goto(url);
  await page.getByText('● live').waitFor({ timeout: 10_000 });
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Teams' }).click();
  await loginAsOwner(page, env, 'Teams', 'teams-empty');

  const row = page.getByTestId('team-list').locator(`tr[data-id="${id}"]`);
  await row.waitFor({ timeout: 15_000 });
  const cells = await row.locator('td').allTextContents();
  assert.deepEqual([cells[0], cells[1], cells[2]], [id, 'passed', GOAL]);
  assert.match(cells[3], /^pass: 1 file\(s\) archived/);
  await row.getByRole('button', { name: id }).click();

  const detail = page.getByTestId('team-detail');
  await detail.getByTestId('team-state').filter({ hasText: 'passed' }).waitFor({ timeout: 15_000 });
  const roles = await detail
    .getByTestId('team-roles')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => `${r.children[0].textContent}: ${r.children[3].textContent}`));
  assert.deepEqual(roles, [
    'researcher: tools: read only',
    'planner: no tools',
    'executor: tools up to create',
    'validator: tools: read only',
  ]);
  const transcript = detail.getByTestId('team-transcript');
  for (const role of ['researcher', 'planner', 'executor', 'validator'])
    assert.ok(
      (await transcript.locator(`tr[data-from="${role}"]`).count()) > 0,
      `the transcript has the ${role}`,
    );
  const verdict = await transcript.locator('tr[data-kind="verdict"] td').last().textContent();
  assert.match(verdict ?? '', /^pass: 1 file\(s\) archived/);
  assert.equal(
    await page.locator('section.teams img').count(),
    0,
    'the goal is text, no element was made from it',
  );
  await shot(page, env, 'teams-1-transcript');

  assert.deepEqual(dialogs, [], 'no script from a goal ran');
  assert.deepEqual(errors, [], 'no errors in the page');
});
