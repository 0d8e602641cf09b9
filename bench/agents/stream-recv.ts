/** Transport benchmark: receives `count` messages, keeping 256 reads in flight; returns ms from first to last. */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const count = Number(((await os.info(os.handles.self)).labels as Record<string, string>).count);
  let received = 0;
  let bytes = 0;
  let first = 0;
  const reader = async () => {
    while (received < count) {
      let m: Awaited<ReturnType<Os['ipc']['recv']>>;
      try {
        m = await os.ipc.recv(os.handles.peer);
      } catch {
        return; // the sender closed its end: everything has been read
      }
      if (received === 0) first = performance.now();
      received++;
      bytes += m.bytes.length;
    }
  };
  await Promise.all(Array.from({ length: 256 }, reader));
  return { ms: performance.now() - first, received, bytes };
}
