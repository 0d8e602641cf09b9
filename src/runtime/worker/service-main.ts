/**
 * Entry of a system service's own worker thread (see src/runtime/service-thread.ts): runs one
 * trusted agent module in this thread's Node context, with the SDK over the thread's link to the
 * kernel. Its calls on channels the kernel leased to this thread are carried here, in shared
 * memory, without the kernel thread. The thread ends with the service: the pool terminates it.
 */
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { createOs } from '../../sdk/os.ts';
import type { AgentPort } from '../../sdk/port.ts';
import type { LinkEnd } from '../link.ts';
import { exitFromError } from '../runtime.ts';
import { OP } from '../wire.ts';
import { WorkerSide } from './side.ts';

const side = new WorkerSide((workerData as { link: LinkEnd }).link, (pid, value) => {
  if (value.op === 'start') void run(pid, String(value.file), String(value.hash), value.handles as never);
  else if (value.op === 'shutdown') side.control(0, { op: 'closed' });
  // 'stop' never comes: the kill switch terminates the thread
});

async function run(pid: number, file: string, hash: string, handles: Record<string, number>): Promise<void> {
  const port: AgentPort = {
    pid,
    handles,
    sys: (name, args) => side.call({ pid, op: OP.SYS, name, args }),
    block: (name, args, _wait, timeoutMs) => side.call({ pid, op: OP.BLOCK, name, args, timeoutMs }),
    call: (args) => side.call({ pid, op: OP.CALL, name: 'channel_call', args }),
    wait: async (wait, timeoutMs) => {
      await side.call({ pid, op: OP.WAIT, name: 'wait', args: wait as never, timeoutMs });
    },
    service: (name, payload) => side.call({ pid, op: OP.SERVICE, name, args: { payload } }),
  };
  try {
    // The hash in the URL: an upgraded image is a new module, not the cached one
    const module = (await import(`${pathToFileURL(file).href}?sha256=${hash}`)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new Error(`${file} has no default export function; export default async function (os) { … }`);
    }
    const value = await (module.default as (os: unknown) => unknown)(createOs(port));
    side.control(pid, {
      op: 'exit',
      ok: true,
      result: value === undefined ? undefined : JSON.stringify(value),
    });
  } catch (error) {
    const exit = exitFromError(error);
    side.control(pid, { op: 'exit', ok: false, reason: exit.reason, message: exit.message });
  }
}
