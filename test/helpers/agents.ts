/** Agent sources tests write to files and spawn. */

/**
 * Waits on a channel nothing writes to, making no syscalls while it waits (so suspending it
 * is harmless); ending it wakes the wait, the retried read fails and its code returns.
 */
export const SLEEPER = `export default async (os) => {
  const [end] = await os.ipc.channel();
  await os.ipc.recv(end);
};
`;
