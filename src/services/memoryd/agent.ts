/**
 * memoryd's agent: the entry the services tree starts on a thread of its own (builtin runtime,
 * `thread: worker`). It opens `$AIOS_HOME/memory.db` (the home comes in its `home` label) and
 * serves memoryd's operations until the system stops. The sentence encoder loads in this thread
 * at the first operation that embeds, never on the path to `aios up` being ready.
 */
import { join } from 'node:path';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { memorydConfig } from './config.ts';
import { type Embedder, SentenceEncoder } from './embedder.ts';
import { MemoryEngine } from './engine.ts';
import { MemoryError } from './errors.ts';
import { memorydService } from './service.ts';
import { Shares } from './shares.ts';

export default async function memoryd(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("memoryd needs its 'home' label: the AIOS_HOME its database lives in");
  const { quotas } = memorydConfig(labels.home);
  const path = join(labels.home, 'memory.db');
  const log = (m: string) => void os.log(`memoryd: ${m}`);
  const engine = new MemoryEngine({ path, embedder: patient(new SentenceEncoder(), log) });
  const shares = new Shares(path);
  try {
    await serve(os, memorydService(engine, shares, { quotas, log }));
  } finally {
    shares.close();
    engine.close();
  }
}

/**
 * The encoder, tried a second time when it fails to load: TensorFlow.js's wasm backend now and
 * then fails its first initialisation on a loaded machine, and a second one succeeds.
 */
function patient(encoder: SentenceEncoder, log: (m: string) => void): Embedder {
  return {
    model: encoder.model,
    dimension: encoder.dimension,
    async embed(texts) {
      try {
        return await encoder.embed(texts);
      } catch (error) {
        if (!(error instanceof MemoryError) || error.code !== 'E_EMBEDDER') throw error;
        log(`${error.message}; trying once more`);
        return encoder.embed(texts);
      }
    },
  };
}
