/**
 * memoryd's agent: the entry the services tree starts on a thread of its own (builtin runtime,
 * `thread: worker`). It opens `$AIOS_HOME/memory.db` (the home comes in its `home` label) and
 * serves memoryd's operations until the system stops. The configured embedder loads in this
 * thread at the first operation that embeds, never on the path to `aios up` being ready (an
 * ONNX model also right after the start when a namespace is on another model, to re-embed it).
 *
 * A config.json whose memory section is wrong (edited while aios runs; `aios up` refuses one
 * before it boots) leaves memoryd answering every call E_UNAVAILABLE with the file's line, and
 * nothing of memory.db is touched until it is fixed and memoryd restarted.
 */
import { join } from 'node:path';
import { ConfigError } from '../../platform/config-file.ts';
import { AiosError } from '../../sdk/errors.ts';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { type MemorydConfig, memorydConfig } from './config.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORYD } from './ops.ts';
import { configuredEmbedder } from './providers.ts';
import { ReembedRunner } from './reembed-runner.ts';
import { memorydService } from './service.ts';
import { Shares } from './shares.ts';

export default async function memoryd(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("memoryd needs its 'home' label: the AIOS_HOME its database lives in");
  const log = (m: string) => void os.log(`memoryd: ${m}`);
  let config: MemorydConfig;
  try {
    config = memorydConfig(labels.home);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log(error.message);
    return refuseAll(os, `${error.message}; then restart aios`);
  }
  const path = join(labels.home, 'memory.db');
  const embedder = configuredEmbedder(config.embedder, log);
  const engine = new MemoryEngine({ path, embedder });
  const shares = new Shares(path);
  const reembed = new ReembedRunner(engine, embedder, log);
  // A model change is found and its re-embedding resumed in the background
  void reembed
    .reconcile()
    .catch((error: Error) => log(`cannot check the namespaces' models: ${error.message}`));
  try {
    await serve(os, memorydService(engine, shares, { quotas: config.quotas, log, embedder, reembed }));
  } finally {
    reembed.stop();
    shares.close();
    engine.close();
  }
}

/** Serves every operation as E_UNAVAILABLE with `message` (HTTP 503), never a crash loop. */
function refuseAll(os: Os, message: string): Promise<void> {
  const fail = () => {
    throw new AiosError('E_UNAVAILABLE', message);
  };
  const handlers = Object.fromEntries(Object.keys(MEMORYD.ops).map((op) => [op, fail]));
  return serve(os, { decl: MEMORYD, handlers: handlers as never, authorize: () => {} });
}
