import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { boot } from '../boot.ts';
import { EventBus } from './events.ts';
import { Metrics } from './metrics.ts';

test('what happens before prom-client has loaded is counted once it has', async (t) => {
  const env = testEnv();
  const system = await boot({ home: env.aiosHome, logLevel: 'warn' });
  const bus = new EventBus(system, { statsMs: 0 });
  const metrics = new Metrics(system, bus);
  t.after(async () => {
    metrics.close();
    bus.close();
    await system.shutdown();
    rmSync(env.dir, { recursive: true, force: true });
  });
  system.kernel.syscall(1, 'process_list', { handle: system.systemHandle });
  system.kernel.syscall(1, 'process_list', { handle: system.systemHandle });
  system.persist.flush();
  await new Promise((r) => setImmediate(r)); // the bus delivers in the next turn
  metrics.request('get', '/v1/agents', 200, 0.002);
  const text = await metrics.text(); // loads prom-client now
  assert.match(text, /aios_syscalls_total\{name="process_list",result="ok"\} 2/);
  assert.match(text, /aios_api_requests_total\{method="get",route="\/v1\/agents",status="200"\} 1/);
  metrics.request('get', '/v1/agents', 200, 0.002);
  assert.match(
    await metrics.text(),
    /aios_api_requests_total\{method="get",route="\/v1\/agents",status="200"\} 2/,
  );
});
