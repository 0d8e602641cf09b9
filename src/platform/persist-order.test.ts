import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { core } from '../../test/helpers/internals.ts';
import { boot } from '../boot.ts';

test('every lifecycle listener hears spawn before running, though the host starts the agent on spawn', async (t) => {
  const env = testEnv();
  const system = await boot({ home: env.aiosHome, logLevel: 'warn' });
  t.after(async () => {
    await system.shutdown();
    const { rmSync } = await import('node:fs');
    rmSync(env.dir, { recursive: true, force: true });
  });
  const heard: string[] = [];
  const k = core(system);
  // like a host: starts the agent (raising 'running') while 'spawn' is still being told
  system.kernel.events.on('lifecycle', (type, agent) => {
    if (type === 'spawn' && agent.name === 'probe') k.started(agent.pid);
  });
  system.kernel.events.on('lifecycle', (type, agent) => {
    if (agent.name === 'probe') heard.push(type);
  });
  const { agent } = k.lifecycle.spawn(
    k.processes.required(1),
    { name: 'probe', image: { ref: 'session:probe', hash: '' }, runtime: 'external' },
    [],
  );
  k.lifecycle.end(agent, { code: 0, reason: 'normal' });
  assert.deepEqual(heard, ['spawn', 'running', 'exit']);
});
