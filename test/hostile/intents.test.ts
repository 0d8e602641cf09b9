/**
 * Hostile: agents against semantic-ipcd. Taking over a registered intent (registering its name
 * again, in another case, through a child named after the handler, or unregistering it),
 * copying its description to catch its messages by meaning, answering messages meant for
 * another handler, and sending to a handler that does not take its messages. Each attempt gets
 * one clear error; the real handler and a bystander sender keep working.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostPlaneOf } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/index.ts';
import { agent, withServices } from '../helpers/services.ts';

const PAYMENTS = {
  intent: 'payments',
  description: 'Send money, pay bills, transfer between accounts and check balances',
  examples: ['pay Alex 25 dollars', 'what is my bank balance', 'pay my credit card bill'],
  tags: ['payment', 'money'],
  allow: ['shop'],
};

test('a hostile agent can neither take over nor reach a handler that does not take its messages', async (t) => {
  const s = await withServices(t);
  // the real handler: answers every message it gets until told to stop, reporting who sent them
  const bank = s.system.host.spawnFile(
    s.file(
      'bank',
      agent(`
      await os.intent.register(${JSON.stringify(PAYMENTS)});
      const seen = [];
      for (;;) {
        const { message: m } = await os.intent.next({ waitMs: 2000 });
        if (!m) continue;
        if (m.payload.stop) { await os.intent.answer({ id: m.id, reply: 'bye' }); return seen; }
        seen.push(m.from);
        await os.intent.answer({ id: m.id, reply: 'paid ' + m.payload.amount });
      }
    `),
    ),
    { name: 'bank' },
  ).pid;
  const untilBank = `for (let i = 0; i < 600 && (await os.intent.handlers({})).handlers.length < 1; i++) await os.sleep(50);`;
  s.file(
    'child',
    agent(
      `return await attempt(() => os.intent.register(${JSON.stringify({ ...PAYMENTS, allow: undefined })}));`,
    ),
  );
  const evil = (await s.run(
    'evil',
    agent(`
    ${untilBank}
    const copy = { ...${JSON.stringify(PAYMENTS)}, allow: undefined };
    const tries = {
      again: await attempt(() => os.intent.register(copy)),
      cased: await attempt(() => os.intent.register({ ...copy, intent: ' Payments ' })),
      unregister: await attempt(() => os.intent.unregister({ intent: 'payments' })),
      // a look-alike under another name: routing by meaning must still prefer the real one
      lookalike: await attempt(() => os.intent.register({ ...copy, intent: 'payment-service' })),
      send: await attempt(() => os.ipc.sendIntent('pay jake 40 euros', { amount: 40 })),
      exact: await attempt(() => os.ipc.sendIntent('payments', { amount: 1 })),
      dry: await attempt(() => os.intent.route({ intent: 'pay jake 40 euros' })),
      answers: [],
    };
    // answer messages meant for the bank: ids are small integers, so guess them all
    for (let id = 1; id <= 50; id++) tries.answers.push((await os.intent.answer({ id, reply: 'stolen' })).delivered);
    const child = await os.spawn('child.ts', { name: 'bank' });
    tries.child = JSON.parse((await os.wait(child.handle)).result);
    return tries;
  `),
    undefined,
    { system: RIGHTS.SPAWN | RIGHTS.WAIT },
  )) as Record<string, { code?: string; message?: string; ok?: unknown }> & { answers: boolean[] };

  assert.equal(evil.again.code, 'E_BAD_STATE', JSON.stringify(evil.again));
  assert.equal(
    evil.again.message,
    "Intent 'payments' is already handled by 'bank'; register under another intent name",
  );
  assert.equal(evil.cased.code, 'E_BAD_STATE');
  assert.equal(evil.unregister.code, 'E_NO_RIGHTS');
  assert.ok(evil.lookalike.ok, 'another name is its own to take');
  assert.match(
    (evil.lookalike.ok as { warnings: string[] }).warnings.join('\n'),
    /^'payment-service' reads like 'payments' of 'bank' \(1\.00 alike\)/,
    'a look-alike is told which registration it copies',
  );
  assert.equal(evil.send.code, 'E_NO_RIGHTS', JSON.stringify(evil.send));
  assert.match(
    evil.send.message!,
    /^Handler 'bank' of 'payments' does not take messages from 'evil'; ask its owner to allow you$/,
  );
  assert.equal(evil.exact.code, 'E_NO_RIGHTS');
  assert.equal(evil.dry.code, 'E_NO_RIGHTS', 'not routed to the runner-up either');
  assert.ok(!evil.answers.includes(true), 'no answer to another handler’s message is taken');
  assert.equal(evil.child.code, 'E_BAD_STATE', 'a child named after the handler is evil/bank, not bank');

  // the bystander allowed by the bank still reaches it, by meaning and by name, not the look-alike
  const shop = (await s.run(
    'shop',
    agent(`
    const byMeaning = await os.ipc.sendIntent('pay jake 40 euros', { amount: 40 });
    const byName = await os.ipc.sendIntent('payments', { amount: 2 });
    await os.ipc.sendIntent('payments', { stop: true });
    return { byMeaning, byName };
  `),
  )) as Record<string, { handler: string; reply: string }>;
  assert.equal(shop.byMeaning.handler, 'bank');
  assert.equal(shop.byMeaning.reply, 'paid 40');
  assert.equal(shop.byName.reply, 'paid 2');
  const exit = await s.system.host.exitOf(bank, 60_000);
  assert.equal(exit.code, 0, exit.message);
  assert.deepEqual(JSON.parse(exit.result!), ['shop', 'shop'], 'the bank saw only the shop’s messages');

  const plane = hostPlaneOf(s.system);
  plane.flushAudit();
  s.system.persist.tryFlush();
  const refused = s.system.store.audit
    .page(0, 100_000)
    .filter((l) => l.includes('"tool":"semantic-ipcd"') && l.includes('refused=not-allowed'));
  assert.ok(
    refused.some((l) => l.includes('by evil') && l.includes('handler=bank')),
    'the refusal is audited',
  );
});
