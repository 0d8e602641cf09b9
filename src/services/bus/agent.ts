/**
 * busd's agent: the entry the services tree starts on a thread of its own (builtin runtime,
 * `thread: worker`). It opens `$AIOS_HOME/bus.db` (the home comes in its `home` label) and
 * serves the context bus's operations until the system stops.
 */
import { join } from 'node:path';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { BusEngine } from './engine.ts';
import { busdService } from './service.ts';

export default async function busd(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("busd needs its 'home' label: the AIOS_HOME its database lives in");
  const engine = new BusEngine({ path: join(labels.home, 'bus.db') });
  try {
    await serve(os, busdService(engine, { log: (m) => void os.log(`busd: ${m}`) }));
  } finally {
    engine.close();
  }
}
