/**
 * A worker entry for the transport benchmark. As a pool worker it runs trusted agents in
 * the thread itself, with the real worker side of the link and the SDK, so what is measured
 * is the transport and the kernel, not an isolate boundary. In 'raw' mode it only pushes
 * frames at the kernel thread as fast as the link takes them.
 */
import { workerData } from 'node:worker_threads';
import type { LinkEnd } from '../src/runtime/link.ts';
import { Link } from '../src/runtime/link.ts';
import { encodeCall, OP } from '../src/runtime/wire.ts';
import { WorkerSide } from '../src/runtime/worker/side.ts';
import { createOs } from '../src/sdk/os.ts';
import type { AgentPort } from '../src/sdk/port.ts';

const data = workerData as { link: LinkEnd; raw?: { frames: number; size: number } };

if (data.raw) {
  const link = new Link(data.link);
  const { frames, size } = data.raw;
  const frame = encodeCall({
    pid: 2,
    req: 1,
    op: OP.SYS,
    name: 'channel_write',
    args: { handle: 1, bytes: new Uint8Array(size) },
  });
  // As fast as the link takes them; a full ring is retried at once (the kernel side drains it).
  for (let i = 0; i < frames; i++) while (!link.trySend(frame)) {}
} else {
  const side = new WorkerSide(data.link, (pid, value) => {
    if (value.op === 'start') void start(pid, value);
    else if (value.op === 'shutdown') side.control(0, { op: 'closed' });
  });

  async function start(pid: number, value: Record<string, unknown>): Promise<void> {
    const port: AgentPort = {
      pid,
      handles: value.handles as Record<string, number>,
      sys: (name, args) => side.call({ pid, op: OP.SYS, name, args }),
      block: (name, args, _wait, timeoutMs) => side.call({ pid, op: OP.BLOCK, name, args, timeoutMs }),
      call: (args) => side.call({ pid, op: OP.CALL, name: 'channel_call', args }),
      wait: async (wait, timeoutMs) => {
        await side.call({ pid, op: OP.WAIT, name: 'wait', args: wait as never, timeoutMs });
      },
      service: (name, payload) => side.call({ pid, op: OP.SERVICE, name, args: { payload } }),
    };
    try {
      const module = (await import(String(value.file))) as { default: (os: unknown) => Promise<unknown> };
      const result = await module.default(createOs(port));
      side.control(pid, { op: 'exit', ok: true, result: JSON.stringify(result) });
    } catch (error) {
      side.control(pid, {
        op: 'exit',
        ok: false,
        reason: 'error',
        message: String((error as Error).message),
      });
    }
  }
}
