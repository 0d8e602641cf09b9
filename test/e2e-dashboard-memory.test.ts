/**
 * The dashboard's Memory panel end to end in headless Chromium (Debian's, driven by
 * playwright-core) against a real `aios up`. The empty panel gives the CLI commands that reach
 * the dashboard's session (both run here as shown); memories and links come through the CLI and
 * the HTTP API with the dashboard's own token. The panel then lists the namespaces with counts
 * and access, finds a memory by search, draws its links (the neighbour, the relation on the
 * edge), re-centres on a click, shows a memory written as an HTML tag as the text it is, and
 * names the namespace and the share command when a share is taken back. Set
 * AIOS_E2E_SHOTS=DIR to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromiumMissing, launch, shot, watch } from './helpers/browser.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

/** memoryd loads its sentence encoder after ready; on a busy machine that takes a while. */
const MEMORYD_READY_MS = 120_000;
const HOSTILE = '<img src=x onerror=alert(1)>';

interface Memory {
  id: number;
  namespace: string;
  text: string;
}

test('dashboard memory panel: namespaces, search, a hit, its links as a graph that re-centres, hostile text shown as text', {
  skip: chromiumMissing,
  timeout: 240_000,
}, async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /aios dashboard: (\S+)/.exec(up.output())?.[1];
  if (!url?.includes('#login=')) assert.fail(`aios up printed no login URL: ${up.output()}`);
  const origin = new URL(url).origin;

  // the dashboard's own token (its login code works until the token expires): what the test
  // puts is then in the namespace the page reads as its own
  const code = /#login=([\w-]+)/.exec(url)?.[1];
  const login = await fetch(`${origin}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  assert.equal(login.status, 200);
  const { token } = (await login.json()) as { token: string };
  const call = async (method: 'GET' | 'POST', op: string, body?: unknown) => {
    const r = await fetch(`${origin}/v1/memory/${op}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  // memoryd answers 503 until it is up
  const started = Date.now();
  let listed = await call('GET', 'namespaces');
  while (listed.status === 503 && Date.now() - started < MEMORYD_READY_MS) {
    await new Promise((r) => setTimeout(r, 500));
    listed = await call('GET', 'namespaces');
  }
  assert.equal(listed.status, 200, JSON.stringify(listed.body));

  const context = await launch(env);
  t.after(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const { errors, dialogs } = watch(page);

  await page.goto(url);
  await page.getByText('● live').waitFor({ timeout: 10_000 });
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Memory' }).click();
  assert.equal(
    await page.locator('section.agents').isVisible(),
    false,
    'the memory view replaces the system panels',
  );

  // nothing yet: the panel says how to add a memory from the CLI, into this session's namespace,
  // and how the owner shares theirs; both commands work as shown
  const { tokenId } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    tokenId: string;
  };
  const agent = `token/${tokenId}`;
  const mine = `agent/${agent}`;
  const empty = page.getByTestId('memory-empty');
  await empty.waitFor();
  const commands = await empty.locator('pre').allTextContents();
  const fact = 'Dana looks after the yearly audit';
  assert.deepEqual(commands, [
    `aios memory put "${fact}" --namespace ${mine}`,
    `aios memory share ${agent} read --namespace owner`,
  ]);
  await shot(page, env, 'memory-0-empty');
  const cli = async (args: string[]) => {
    const r = await aios(env, args, { timeoutMs: MEMORYD_READY_MS });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const dana = JSON.parse(await cli(['memory', 'put', fact, '--namespace', mine, '--json'])) as Memory;
  await cli(['memory', 'put', 'The owner keeps the spare keys in the blue drawer']);
  await cli(['memory', 'share', agent, 'read', '--namespace', 'owner']);

  // the rest through the HTTP API as the dashboard's session, links included
  const put = async (text: string): Promise<Memory> => {
    const r = await call('POST', 'put', { text });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as unknown as Memory;
  };
  const march = await put('The yearly audit has to be filed before the end of March');
  const hostile = await put(HOSTILE);
  assert.equal(march.namespace, mine);
  for (const [from, to, relation] of [
    [dana, march, 'deadline-of'],
    [dana, hostile, 'mentions'],
  ] as const) {
    const r = await call('POST', 'link', { namespace: from.namespace, from: from.id, to: to.id, relation });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  // the namespaces with their counts and this session's access: its own, and the owner's shared
  await page.getByRole('button', { name: 'Refresh' }).click();
  const table = page.getByTestId('memory-namespaces');
  const row = table.locator('tr', { hasText: mine });
  await row.waitFor();
  assert.deepEqual(
    await row
      .locator('td')
      .allTextContents()
      .then((c) => [c[0], c[1], c[4]]),
    [mine, '3', 'admin'],
  );
  const shared = table.locator('tr', { hasText: /^owner/ });
  assert.deepEqual(
    await shared
      .locator('td')
      .allTextContents()
      .then((c) => [c[0], c[1], c[4]]),
    ['owner', '1', 'read'],
  );
  await shot(page, env, 'memory-1-namespaces');

  // the chosen namespace's core blocks: each with its size against its limit, its text as text
  const BLOCK = '<b>Keeps</b> the audit calendar';
  const block = await call('POST', 'set', { label: 'persona', text: BLOCK });
  assert.equal(block.status, 200, JSON.stringify(block.body));
  await page.getByRole('button', { name: 'Refresh' }).click();
  const blocks = page.getByTestId('memory-blocks');
  await blocks.getByText(BLOCK, { exact: true }).waitFor();
  assert.match((await blocks.textContent()) ?? '', new RegExp(`persona\\s*${BLOCK.length} / 2048 B`));
  assert.equal(await blocks.locator('b').count(), 0, 'no element was made from the block');

  // from the system view, m opens the panel with the search box focused
  await views.getByRole('button', { name: 'System' }).click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('m');
  await page.waitForFunction('document.activeElement?.id === "memory-query"');

  // search by meaning and words: the audit memory is a hit, with its score and version
  await page.keyboard.type('who looks after the yearly audit');
  await page.keyboard.press('Enter');
  const hit = page.getByTestId('memory-hit').filter({ hasText: 'Dana looks after the yearly audit' });
  await hit.waitFor({ timeout: 15_000 });
  assert.match((await hit.textContent()) ?? '', /\d\.\d{3}.*v1/);

  // its links as a graph: the centre, the neighbour, the relation on the edge
  await hit.click();
  const graph = page.getByTestId('memory-graph');
  await graph.waitFor({ timeout: 15_000 });
  await graph.locator(`[data-testid="graph-node"][data-id="${march.id}"]`).waitFor();
  await graph.getByTestId('graph-edge-label').filter({ hasText: 'deadline-of' }).waitFor();
  await graph.getByTestId('graph-edge-label').filter({ hasText: 'mentions' }).waitFor();
  assert.equal(await page.getByTestId('memory-versions').locator('li').count(), 1);
  await shot(page, env, 'memory-2-graph');

  // a click on the neighbour makes it the centre
  await graph.locator(`[data-testid="graph-node"][data-id="${march.id}"]`).click();
  await page.getByRole('heading', { name: `Memory #${march.id}` }).waitFor();
  await page.getByTestId('memory-current').getByText('filed before the end of March').waitFor();
  await graph.locator(`[data-testid="graph-node"][data-id="${dana.id}"]`).waitFor();
  await shot(page, env, 'memory-3-recentred');

  // memory text is untrusted: the tag is shown as text, nothing is parsed or run
  await page.getByLabel('Search mode').selectOption('lexical');
  await page.getByLabel('Search memories', { exact: true }).fill('onerror');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const tag = page.getByTestId('memory-hit').filter({ hasText: 'onerror' });
  await tag.waitFor({ timeout: 15_000 });
  assert.equal(await tag.locator('.memory-text').textContent(), HOSTILE);
  await tag.click();
  await page.getByTestId('memory-current').getByText(HOSTILE, { exact: true }).waitFor();
  assert.equal(await page.locator('section.memory img').count(), 0, 'no element was made from the text');
  await shot(page, env, 'memory-4-hostile-as-text');

  // the owner's shared namespace reads until the share is taken back; then the refusal names
  // the namespace and the command that shares it again
  await page.getByLabel('Namespace to search').selectOption('owner');
  await page.getByLabel('Search memories', { exact: true }).fill('spare keys');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByTestId('memory-hit').filter({ hasText: 'blue drawer' }).waitFor({ timeout: 15_000 });
  await cli(['memory', 'share', agent, 'none', '--namespace', 'owner']);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const refusal = page.locator('section.memory [role="alert"]');
  await refusal.waitFor();
  assert.equal(
    await refusal.textContent(),
    `This session (${agent}) may not read namespace 'owner'; its owner can share it: aios memory share ${agent} read --namespace owner`,
  );
  await shot(page, env, 'memory-5-refused');

  assert.deepEqual(dialogs, [], 'no script from a memory ran');
  // the browser logs the refused request itself; nothing else may go wrong
  const refused = errors.filter((e) => /status of 403/.test(e));
  assert.equal(refused.length, 1, errors.join('\n'));
  assert.deepEqual(
    errors.filter((e) => !refused.includes(e)),
    [],
    'no other errors in the page',
  );
});
