/**
 * semantic-ipcd's registrations survive a restart of the system (`aios down` / `up`): they are
 * restored from `$AIOS_HOME/intents.db`, a message to a handler that has not run since is
 * refused at once with E_UNAVAILABLE naming it, and the handler re-binds by calling the service
 * again, without registering.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INIT_PID } from '../src/kernel/index.ts';
import { agent, withServices } from './helpers/services.ts';

const WEATHER = {
  intent: 'weather',
  description: 'Weather forecasts and current conditions: temperature, rain, wind, snow',
  examples: [
    'will it rain tomorrow',
    'weather in Paris this weekend',
    'how hot is it going to be on Saturday',
  ],
  tags: ['weather', 'forecast'],
};

type Listed = { handlers: { handler: string; intent: string; running: boolean }[] };

test('a registration survives down and up; its handler re-binds by serving again, without registering', async (t) => {
  const s = await withServices(t);
  await s.run('forecaster', agent(`return await os.intent.register(${JSON.stringify(WEATHER)});`));
  await s.reboot();

  const listed = (await s.system.services.call(INIT_PID, 'semantic-ipcd', 'handlers', {})) as Listed;
  assert.deepEqual(
    listed.handlers.map((h) => [h.intent, h.handler, h.running]),
    [['weather', 'forecaster', false]],
    'restored, waiting for its handler',
  );
  const before = (await s.run(
    'alice',
    agent(`return await attempt(() => os.ipc.sendIntent('do I need an umbrella in Oslo', {}));`),
  )) as { code: string; message: string };
  assert.equal(before.code, 'E_UNAVAILABLE', JSON.stringify(before));
  assert.match(
    before.message,
    /^Handler 'forecaster' of 'weather' has not run since semantic-ipcd restarted; /,
  );

  // the same agent again: it only serves; its first call binds the kept registration
  const forecaster = s.system.host.spawnFile(
    s.file(
      'forecaster',
      agent(`
      for (;;) {
        const { message: m } = await os.intent.next({ waitMs: 2000 });
        if (m) { await os.intent.answer({ id: m.id, reply: 'rain, from ' + m.intent }); return m.from; }
      }
    `),
    ),
    { name: 'forecaster' },
  ).pid;
  const after = (await s.run(
    'alice',
    agent(`
      for (let i = 0; i < 200; i++) {
        const { handlers } = await os.intent.handlers({});
        if (handlers.some((h) => h.running)) break;
        await os.sleep(50);
      }
      return await os.ipc.sendIntent('do I need an umbrella in Oslo', {});
    `),
  )) as { handler: string; reply: string };
  assert.equal(after.handler, 'forecaster');
  assert.equal(after.reply, 'rain, from weather');
  const exit = await s.system.host.exitOf(forecaster, 60_000);
  assert.equal(exit.result, JSON.stringify('alice'));

  // the owner removes it for good: gone after the next restart too
  await s.system.services.call(INIT_PID, 'semantic-ipcd', 'unregister', { intent: 'weather' });
  await s.reboot();
  const gone = (await s.system.services.call(INIT_PID, 'semantic-ipcd', 'handlers', {})) as Listed;
  assert.deepEqual(gone.handlers, []);
});
