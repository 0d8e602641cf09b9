/**
 * semantic-ipcd's agent: the entry the services tree starts on a thread of its own (builtin
 * runtime). It opens `$AIOS_HOME/intents.db` (the home comes in its `home` label), where
 * registrations persist: after a restart they are restored, and each handler re-binds by
 * calling the service again. The sentence encoder loads in this thread when the first
 * registration is made or restored, never on the path to ready.
 */
import { join } from 'node:path';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { offlineRouter } from './offline.ts';
import { intentService } from './service.ts';
import { RegistrationStore } from './store.ts';

export default async function semanticIpcd(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home)
    throw new Error("semantic-ipcd needs its 'home' label: the AIOS_HOME its database lives in");
  const store = new RegistrationStore(join(labels.home, 'intents.db'));
  const { router, close } = offlineRouter();
  const log = (m: string) => void os.log(`semantic-ipcd: ${m}`);
  try {
    await serve(
      os,
      intentService(router, {
        log,
        store,
        audit: async (action, risk, target) => {
          await os.sys('tool_invoke', {
            handle: os.handles.tool,
            tool: 'semantic-ipcd',
            action,
            risk,
            target,
          });
        },
      }),
    );
  } finally {
    close();
    store.close();
  }
}
