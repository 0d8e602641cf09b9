/**
 * Transport benchmark: starts stream-recv.ts, then streams `count` messages of `size` bytes
 * to it one way, keeping up to 256 sends in flight; returns what the receiver measured.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const labels = (await os.info(os.handles.self)).labels as Record<string, string>;
  const count = Number(labels.count);
  const size = Number(labels.size);
  const [mine, theirs] = await os.ipc.channel(4096);
  const receiver = await os.spawn('stream-recv.ts', {
    grants: { peer: theirs },
    labels: { count: String(count) },
  });
  const payload = new Uint8Array(size);
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < count; i++) {
    const p = os.ipc.send(mine, payload).then(() => {
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= 256) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await os.handle.close(mine);
  const exit = await os.wait(receiver.handle);
  return JSON.parse(exit.result!);
}
