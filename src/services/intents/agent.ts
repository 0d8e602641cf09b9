/**
 * semantic-ipcd's agent: the entry the services tree starts on a thread of its own (builtin
 * runtime). Registrations live in this incarnation's memory: after a restart handlers register
 * again (a handler's `next` fails with E_UNAVAILABLE, its signal to do so). The sentence
 * encoder loads in this thread at the first registration, never on the path to ready.
 */
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { offlineRouter } from './offline.ts';
import { intentService } from './service.ts';

export default async function semanticIpcd(os: Os): Promise<void> {
  const { router, close } = offlineRouter();
  const log = (m: string) => void os.log(`semantic-ipcd: ${m}`);
  try {
    await serve(
      os,
      intentService(router, {
        log,
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
  }
}
