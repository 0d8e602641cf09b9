/**
 * A worker of coordinator.ts: squares the numbers it is sent until its channel closes.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function squareWorker(os: Os) {
  await os.ipc.serve(os.handles.jobs, (request) => {
    const { n } = request.json<{ n: number }>();
    return { square: n * n, by: os.pid };
  });
}
