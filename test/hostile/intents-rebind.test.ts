/**
 * Hostile: agents against semantic-ipcd's kept registrations. After `aios down` / `up` the
 * handler of a registration has not run yet; an agent tries to take its place in that window:
 * registering the intent, registering under the handler's name (an argument it is not allowed
 * to give), serving as the handler through a child named after it, and unregistering it. Each
 * is refused; no message meant for the handler reaches the attacker; the real handler re-binds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RIGHTS } from '../../src/kernel/index.ts';
import { agent, withServices } from '../helpers/services.ts';

const PAYMENTS = {
  intent: 'payments',
  description: 'Send money, pay bills, transfer between accounts and check balances',
  examples: ['pay Alex 25 dollars', 'what is my bank balance', 'pay my credit card bill'],
  tags: ['payment', 'money'],
};

test('a kept registration cannot be taken or re-bound by another agent while its handler is not running', async (t) => {
  const s = await withServices(t);
  await s.run('bank', agent(`return await os.intent.register(${JSON.stringify(PAYMENTS)});`));
  await s.reboot();

  // a child evil names 'bank' is evil/bank: it serves, hoping to be handed the bank's messages
  s.file(
    'impostor',
    agent(`
      const taken = await attempt(() => os.intent.register(${JSON.stringify(PAYMENTS)}));
      const next = await attempt(() => os.intent.next({ waitMs: 3000 }));
      return { taken, next };
    `),
  );
  const evil = (await s.run(
    'evil',
    agent(`
      const tries = {
        again: await attempt(() => os.intent.register(${JSON.stringify(PAYMENTS)})),
        claimed: await attempt(() => os.intent.register({ ...${JSON.stringify(PAYMENTS)}, intent: 'pay-bank', handler: 'bank' })),
        unregister: await attempt(() => os.intent.unregister({ intent: 'payments' })),
      };
      const child = await os.spawn('impostor.ts', { name: 'bank' });
      await os.sleep(300);
      tries.send = await attempt(() => os.ipc.sendIntent('pay jake 40 euros', { amount: 40 }));
      tries.child = JSON.parse((await os.wait(child.handle)).result);
      tries.handlers = (await os.intent.handlers({})).handlers.map((h) => [h.intent, h.handler, h.running]);
      return tries;
    `),
    undefined,
    { system: RIGHTS.SPAWN | RIGHTS.WAIT },
  )) as Record<string, { code?: string; message?: string; ok?: { handler: string } }> & {
    child: { taken: { code?: string }; next: { code?: string; ok?: unknown } };
    handlers: [string, string, boolean][];
  };

  assert.equal(
    evil.again.code,
    'E_BAD_STATE',
    `the kept registration holds its name: ${JSON.stringify(evil.again)}`,
  );
  assert.match(evil.again.message!, /already handled by 'bank'/);
  assert.equal(evil.claimed.ok?.handler, 'evil', 'a handler is who calls, never who it says it is');
  assert.equal(evil.unregister.code, 'E_NO_RIGHTS');
  assert.equal(evil.child.taken.code, 'E_BAD_STATE', 'evil/bank is not bank');
  assert.equal(
    evil.child.next.code,
    'E_NOT_FOUND',
    `nothing meant for the bank reached the impostor: ${JSON.stringify(evil.child.next)}`,
  );
  assert.equal(evil.send.code, 'E_UNAVAILABLE', JSON.stringify(evil.send));
  assert.match(evil.send.message!, /^Handler 'bank' of 'payments' has not run since/);
  assert.deepEqual(
    evil.handlers.find((h) => h[0] === 'payments'),
    ['payments', 'bank', false],
    'still the bank’s, still waiting for it',
  );

  // the real bank comes back, re-binds by serving, and a bystander reaches it
  const bank = s.system.host.spawnFile(
    s.file(
      'bank',
      agent(`
      for (;;) {
        const { message: m } = await os.intent.next({ waitMs: 2000 });
        if (m) { await os.intent.answer({ id: m.id, reply: 'paid ' + m.payload.amount }); return m.from; }
      }
    `),
    ),
    { name: 'bank' },
  ).pid;
  const shop = (await s.run(
    'shop',
    agent(`
      for (let i = 0; i < 200; i++) {
        if ((await os.intent.handlers({})).handlers.some((h) => h.intent === 'payments' && h.running)) break;
        await os.sleep(50);
      }
      return await os.ipc.sendIntent('payments', { amount: 2 });
    `),
  )) as { handler: string; reply: string };
  assert.equal(shop.handler, 'bank');
  assert.equal(shop.reply, 'paid 2');
  assert.equal((await s.system.host.exitOf(bank, 60_000)).result, JSON.stringify('shop'));
});
