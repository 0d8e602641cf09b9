/**
 * Calls its sibling `counter` through the handle its supervisor gave it (spec: "connect"),
 * which stays valid while the counter crashes and restarts. Request: {"visit": true}.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function frontend(os: Os): Promise<void> {
  await os.ipc.serve(os.handles.service, async () => {
    const reply = await os.ipc.call(os.handles.counter, { incr: true }, { timeoutMs: 2000 });
    return { visits: reply.json<{ n: number }>().n, servedBy: os.pid };
  });
}
