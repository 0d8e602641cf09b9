/**
 * semantic-ipcd through a real system (bench/intents.bench.ts's second part): the owner's calls
 * through the gateway, each timed from the host, in one run:
 * - `handlers`: a service round trip that routes nothing (the baseline: host → service thread → back);
 * - `route` by meaning, message seen before: the baseline plus routing and its audit entry;
 * - `send` by exact name to an isolate handler: the baseline plus delivery (the handler's
 *   `next` returns, its `answer` settles the send).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { HANDLERS } from '../src/services/intents/eval/handlers.ts';

const CALLS = 300;

export interface ServicePath {
  handlers: number[];
  route: number[];
  send: number[];
}

export async function servicePath(): Promise<ServicePath> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-intents-'));
  const home = join(dir, '.aios');
  mkdirSync(home, { recursive: true });
  const system = await boot({ home, services: true, logLevel: 'error' });
  try {
    const weather = HANDLERS.find((h) => h.handler === 'weather')!;
    const file = join(dir, 'echo.ts');
    writeFileSync(
      file,
      `export default async function (os) {
        await os.intent.register(${JSON.stringify({ ...weather, handler: undefined })});
        for (;;) {
          const { message: m } = await os.intent.next({ waitMs: 5000 });
          if (!m) continue;
          await os.intent.answer({ id: m.id, reply: 'ok' });
          if (m.payload.stop) return;
        }
      }`,
    );
    const { pid } = system.host.spawnFile(file, { name: 'echo' });
    const call = (op: string, args: object) => system.services.call(INIT_PID, 'semantic-ipcd', op, args);
    for (let i = 0; i < 600; i++) {
      if (((await call('handlers', {})) as { handlers: unknown[] }).handlers.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const timed = async (fn: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t0) / 1000;
    };
    const out: ServicePath = { handlers: [], route: [], send: [] };
    await call('route', { intent: 'do I need an umbrella in Oslo' }); // its vector is cached from here on
    for (let i = 0; i < CALLS; i++) {
      out.handlers.push(await timed(() => call('handlers', {})));
      out.route.push(await timed(() => call('route', { intent: 'do I need an umbrella in Oslo' })));
      out.send.push(await timed(() => call('send', { intent: 'weather', payload: { place: 'Oslo' } })));
    }
    await call('send', { intent: 'weather', payload: { stop: true } });
    await system.host.exitOf(pid, 30_000);
    return out;
  } finally {
    await system.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
