/**
 * A long-lived agent: it opens a channel to itself and echoes every request it reads there,
 * logging each one, until it is killed. Start it in a running system and watch it:
 *
 *   npx aios up &
 *   npx aios spawn examples/agents/echo-server.ts
 *   npx aios ps
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function echoServer(os: Os) {
  const [client, server] = await os.ipc.channel();
  await os.log(`echo server ${os.pid} ready`);
  let served = 0;
  const serving = os.ipc.serve(server, (request) => {
    served++;
    return request.bytes;
  });
  // Exercise itself once a second so the log shows it is alive.
  for (;;) {
    const reply = await os.ipc.call(client, `tick ${served}`);
    await os.log(`echoed: ${reply.text()}`);
    await os.sleep(1000);
    if (served < 0) break; // never: keeps the serving promise referenced
  }
  await serving;
}
