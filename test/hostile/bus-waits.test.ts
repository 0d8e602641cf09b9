/**
 * Hostile: an agent floods busd with waiting reads on its one connection, past the number the
 * service serves beside its other calls (SERVICE_WIRE.WAITING_PER_CONNECTION). The extra reads
 * queue on that agent's own connection; a bystander's calls on its own connection are served at
 * once, every flooded read settles, and the host keeps running.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busAgent } from '../helpers/bus-agents.ts';
import { withServices } from '../helpers/services.ts';

test('a flood of waiting reads holds up only its own agent; a bystander is served and the host lives', async (t) => {
  const s = await withServices(t);
  const flooder = s.system.host.spawnFile(
    s.file(
      'flooder',
      busAgent(`
        await bus('create', { name: 'flood' });
        const reads = Array.from({ length: 40 }, () => codeOf(bus('read', { context: 'flood', waitMs: 3000 })));
        return (await Promise.all(reads)).filter((c) => c === 'ok').length;`),
    ),
    { name: 'flooder' },
  );
  await new Promise((r) => setTimeout(r, 300));
  const bystander = await s.run(
    'bystander',
    busAgent(`
      await bus('create', { name: 'calm' });
      await bus('publish', { context: 'calm', type: 'x', data: { n: 1 } });
      return (await bus('read', { context: 'calm' })).events.length;`),
  );
  assert.equal(bystander, 1);
  const exit = await s.system.host.exitOf(flooder.pid, 120_000);
  assert.equal(exit.reason, 'normal', exit.message);
  assert.equal(JSON.parse(exit.result!), 40, 'every flooded read settled');
  // the host still serves: a new agent runs after the flood
  assert.equal(
    await s.run(
      'after',
      busAgent(
        `await bus('create', { name: 'after' }); return (await bus('read', { context: 'after' })).events.length;`,
      ),
    ),
    0,
  );
});
