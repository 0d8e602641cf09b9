/**
 * Blocking channel calls that the kernel thread serves for an agent on a worker, which give way
 * to a lease: while such a call waits in the kernel (a read on an empty queue, a write to a
 * full one), the channel may be leased to the agent's worker; the call then answers LEASED and
 * the worker does it on the lease. Otherwise it is the AgentHost's own loop: try the syscall,
 * wait for the signal, try again, E_TIMED_OUT after `timeoutMs`.
 *
 * @example
 * const r = await blockOrLease(port, agent, 'channel_read', { handle }, wait, undefined, () => leases.fastFor(…));
 * if (r === LEASED) link.send(encodeReply({ type: 'leased', pid, req }));
 */
import { KernelError } from '../../kernel/errors.ts';
import type { Agent } from '../../kernel/index.ts';
import type { AgentPort, Wait } from '../../sdk/port.ts';

export const LEASED: unique symbol = Symbol('leased');

export async function blockOrLease(
  port: AgentPort,
  agent: Agent,
  name: string,
  args: Record<string, unknown>,
  wait: Wait,
  timeoutMs: number | undefined,
  leased: () => boolean,
): Promise<unknown> {
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  for (;;) {
    if (leased()) return LEASED;
    const left = deadline - performance.now();
    // A suspended agent waits for its resumption in the host's own loop (no lease meanwhile).
    if (agent.state === 'suspended')
      return port.block!(name, args, wait, left === Infinity ? undefined : left);
    try {
      return await port.sys(name, args);
    } catch (error) {
      if (!(error instanceof KernelError) || error.code !== 'E_WOULD_BLOCK') throw error;
    }
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new KernelError('E_TIMED_OUT', `Nothing arrived within ${timeoutMs} ms`);
    await port.wait(wait, remaining === Infinity ? undefined : remaining);
  }
}

/** os.ipc.call served by the kernel: the request (which may give way to a lease), then its reply. */
export async function callOrLease(
  port: AgentPort,
  agent: Agent,
  args: { handle: number; bytes: Uint8Array; handles?: number[]; timeoutMs?: number },
  leased: () => boolean,
): Promise<unknown> {
  const handle = args.handle;
  const sent = await blockOrLease(
    port,
    agent,
    'channel_call',
    args,
    { kind: 'writable', handle },
    undefined,
    leased,
  );
  if (sent === LEASED) return LEASED;
  const { txid } = sent as { txid: number };
  return port.block!('channel_call_result', { handle, txid }, { kind: 'reply', handle, txid });
}
