/**
 * The dashboard end to end in headless Chromium (Debian's, driven by playwright-core): load
 * it, log in with the URL `aios up` printed, see the agents, kill one (confirming), use the
 * keyboard, run an Atlas request (plan, confirm, result) and undo it, verify the audit chain. Set AIOS_E2E_SHOTS=DIR to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SLEEPER } from './helpers/agents.ts';
import { chromiumMissing, launch, shot, watch } from './helpers/browser.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

test('dashboard: log in with the token URL, see agents, kill one, run an Atlas request and undo it, verify the audit', {
  skip: chromiumMissing,
}, async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /aios dashboard: (\S+)/.exec(up.output())?.[1];
  assert.ok(url?.includes('#login='), `aios up printed a login URL: ${up.output()}`);

  const file = join(env.dir, 'sleeper.ts');
  writeFileSync(file, SLEEPER);
  const pids: number[] = [];
  for (const name of ['e2e-alpha', 'e2e-beta']) {
    const r = await aios(env, ['spawn', file, '--name', name, '--json']);
    assert.equal(r.code, 0, r.stderr);
    pids.push(JSON.parse(r.stdout).pid);
  }

  const context = await launch(env);
  t.after(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const { errors } = watch(page);

  // log in: the URL's code is traded for the token and leaves the address bar
  await page.goto(url!);
  await page.getByText('● live').waitFor({ timeout: 10_000 });
  assert.equal(new URL(page.url()).hash, '', 'the login code is gone from the address bar');
  const alpha = page.locator(`tr[data-pid="${pids[0]}"]`);
  await alpha.getByText('e2e-alpha').waitFor();
  await page.locator(`tr[data-pid="${pids[1]}"]`).getByText('e2e-beta').waitFor();
  await page.locator('figure.chart').first().waitFor();
  await shot(page, env, '1-dashboard');

  // kill one: a confirmation first; cancelling leaves it running
  await page.getByRole('button', { name: `Kill agent ${pids[0]}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Kill agent ${pids[0]}?`).waitFor();
  await shot(page, env, '2-confirm-kill');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  const before = JSON.parse((await aios(env, ['ps', '--json'])).stdout) as { pid: number; state: string }[];
  assert.equal(before.find((a) => a.pid === pids[0])?.state, 'blocked', 'cancelling did not kill it');
  await page.getByRole('button', { name: `Kill agent ${pids[0]}` }).click();
  await dialog.getByRole('button', { name: 'Kill' }).click();
  await page.getByText(`Killed agent ${pids[0]}`).waitFor();
  await alpha.waitFor({ state: 'detached' }); // ended agents leave the default view, live
  const ps = JSON.parse((await aios(env, ['ps', '--json', '--all'])).stdout) as {
    pid: number;
    state: string;
  }[];
  assert.equal(ps.find((a) => a.pid === pids[0])?.state, 'exited');
  assert.ok(ps.find((a) => a.pid === pids[1] && a.state !== 'exited'));

  // the keyboard: / goes to the Atlas prompt, a to the agent filter
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate('document.activeElement?.id'), 'atlas-request');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  assert.equal(await page.evaluate('document.activeElement?.id'), 'agent-filter');
  await page.keyboard.type('beta');
  await page.keyboard.press('Escape');

  // Atlas: a request, its plan with risk and files, confirmed, run, undone
  writeFileSync(join(env.home, 'old-1.log'), 'one\n');
  writeFileSync(join(env.home, 'old-2.log'), 'two\n');
  await page.keyboard.press('/');
  await page.keyboard.type('delete all .log files');
  await page.keyboard.press('Enter');
  const plan = page.getByTestId('atlas-plan');
  await plan.waitFor({ timeout: 15_000 });
  const planText = (await plan.textContent()) ?? '';
  assert.match(planText, /files\.delete/);
  assert.match(planText, /old-1\.log/, 'the plan names the files it would delete');
  assert.match(planText, /risk 3/);
  assert.ok(existsSync(join(env.home, 'old-1.log')), 'planning changed nothing');
  await shot(page, env, '3-atlas-plan');
  await page.getByRole('button', { name: 'Confirm and run' }).click();
  const outcome = page.getByTestId('atlas-outcome');
  await outcome.getByText('✓ Done').waitFor({ timeout: 15_000 });
  assert.ok(!existsSync(join(env.home, 'old-1.log')) && !existsSync(join(env.home, 'old-2.log')));
  await outcome.getByRole('button', { name: 'Undo' }).click();
  await page.getByTestId('atlas-undo').waitFor({ timeout: 15_000 });
  assert.ok(
    existsSync(join(env.home, 'old-1.log')) && existsSync(join(env.home, 'old-2.log')),
    'undo put them back',
  );
  await shot(page, env, '4-atlas-undone');

  // verify the audit chain (v), and see the kill in the live audit viewer
  await page.keyboard.press('v');
  const verdict = page.getByTestId('verify-result');
  await verdict.waitFor({ timeout: 10_000 });
  assert.match((await verdict.textContent()) ?? '', /Chain verifies: \d+ entries/);
  await page.locator('section.audit td', { hasText: 'process_kill' }).first().waitFor();
  await shot(page, env, '5-verified');

  assert.deepEqual(errors, [], 'no errors in the page');
});
