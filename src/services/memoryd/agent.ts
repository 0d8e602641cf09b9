/**
 * memoryd's agent: the entry the services tree starts on a thread of its own (builtin runtime,
 * `thread: worker`). It opens `$AIOS_HOME/memory.db` (the home comes in its `home` label) and
 * serves memoryd's operations until the system stops. The sentence encoder loads in this thread
 * at the first operation that embeds, never on the path to `aios up` being ready.
 */
import { join } from 'node:path';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { MemoryEngine } from './engine.ts';
import { memorydService } from './service.ts';
import { Shares } from './shares.ts';

export default async function memoryd(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("memoryd needs its 'home' label: the AIOS_HOME its database lives in");
  const path = join(labels.home, 'memory.db');
  const engine = new MemoryEngine({ path });
  const shares = new Shares(path);
  try {
    await serve(os, memorydService(engine, shares, { log: (m) => void os.log(`memoryd: ${m}`) }));
  } finally {
    shares.close();
    engine.close();
  }
}
