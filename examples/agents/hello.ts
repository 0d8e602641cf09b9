/**
 * The smallest agent: it logs a line and returns its result.
 *
 *   npx aios run examples/agents/hello.ts
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function hello(os: Os) {
  await os.log(`hello from agent ${os.pid}`);
  const [a, b] = await os.ipc.channel();
  await os.ipc.send(a, { greeting: 'hello, world' });
  const message = await os.ipc.recv(b);
  return message.json();
}
