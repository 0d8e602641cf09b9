/**
 * Transport benchmark: a system-service-style agent (trusted, builtin: in the aios process like
 * the supervisor, or on a worker thread of its own, src/runtime/service-thread.ts) that serves
 * requests on a channel, and an isolate agent (rt-ping.ts, given the other end as `peer`) that
 * times its calls to it.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const labels = (await os.info(os.handles.self)).labels as Record<string, string>;
  const [mine, theirs] = await os.ipc.channel();
  const client = await os.spawn('rt-ping.ts', {
    runtime: 'isolate',
    grants: { peer: theirs },
    labels: { rounds: labels.rounds },
    quotas: { cpuMsPerEpoch: 600_000 },
  });
  await os.handle.close(theirs);
  void os.ipc.serve(mine, (m) => m.bytes).catch(() => {});
  const exit = await os.wait(client.handle);
  if (exit.reason !== 'normal') throw new Error(`rt-ping.ts: ${exit.reason}: ${exit.message}`);
  return JSON.parse(exit.result!) as number[];
}
