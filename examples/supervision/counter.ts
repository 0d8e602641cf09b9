/**
 * A supervised counter: it resumes from its last checkpoint, so a crash loses nothing it
 * acknowledged. Requests on its service endpoint: {"incr": true}, {"get": true}, {"crash": true}.
 *
 *   aios supervise examples/supervision/web.json
 *   aios supervise call web/counter '{"incr":true}'
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function counter(os: Os): Promise<void> {
  const state = (await os.checkpoint.load<{ n: number }>()) ?? { n: 0 };
  await os.ipc.serve(os.handles.service, async (request) => {
    const body = request.json<{ incr?: boolean; crash?: boolean }>();
    if (body.crash) throw new Error('asked to crash');
    if (body.incr) {
      state.n++;
      await os.checkpoint.save(state);
    }
    return { n: state.n, pid: os.pid };
  });
}
