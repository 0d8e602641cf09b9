/**
 * The supervisor's control loop: reads requests from its `control` channel (protocol.ts),
 * runs each through the supervisor's mailbox and replies. The first request must be `init`.
 */
import { AiosError } from '../../sdk/errors.ts';
import type { Message, Os } from '../../sdk/os.ts';
import { SupervisorError } from './errors.ts';
import type { ControlRequest } from './protocol.ts';
import type { Supervisor } from './tree.ts';

export async function serveControl(sup: Supervisor, os: Os): Promise<void> {
  const control = os.handles.control;
  if (control === undefined) return sup.fail(new Error('A supervisor needs a control handle'));
  const first = await os.ipc.recv(control);
  const init = first.json<ControlRequest>();
  if (init.op !== 'init') {
    const error = new SupervisorError('bad_spec', `The first control request must be init, not '${init.op}'`);
    await reply(os, control, first, { ok: false, error: error.toValue() });
    return sup.exit(1, error.message, { error: error.toValue() });
  }
  try {
    const status = await sup.enqueue(() => sup.init(init.spec, init.persist === true));
    await reply(os, control, first, { ok: true, ...status });
  } catch (error) {
    if (!(error instanceof SupervisorError)) return sup.fail(error);
    await reply(os, control, first, { ok: false, error: error.toValue() });
    return sup.exit(1, error.message, { error: error.toValue() });
  }
  for (;;) {
    let message: Message;
    try {
      message = await os.ipc.recv(control);
    } catch (error) {
      if (sup.exiting || AiosError.is(error, 'E_PEER_CLOSED')) return; // nobody left to ask us anything
      return sup.fail(error);
    }
    const request = message.json<ControlRequest>();
    let handles: number[] = [];
    let body: object;
    try {
      const result = await sup.enqueue(() => handle(sup, request));
      handles = result?.handles ?? [];
      body = { ok: true, ...result?.body };
    } catch (error) {
      if (!(error instanceof SupervisorError)) return sup.fail(error);
      body = { ok: false, error: error.toValue() };
    }
    if (sup.exiting) return;
    await reply(os, control, message, body, handles);
    if (request.op === 'shutdown') return sup.exit(0, 'asked to shut down');
  }
}

async function handle(
  sup: Supervisor,
  request: ControlRequest,
): Promise<{ body?: object; handles?: number[] }> {
  switch (request.op) {
    case 'status':
      return { body: await sup.status(true) };
    case 'start_child':
      return { body: await sup.startChild(request.child) };
    case 'stop_child':
      await sup.stopChild(request.id);
      return {};
    case 'connect':
      return { handles: [await sup.connect(request.path)] };
    case 'shutdown':
      await sup.shutdown();
      return {};
    default:
      throw new SupervisorError('bad_spec', `Unknown control request '${(request as { op: string }).op}'`);
  }
}

async function reply(os: Os, control: number, request: Message, body: object, handles?: number[]) {
  if (request.txid === 0) return;
  try {
    await os.ipc.reply(control, request, body, handles);
  } catch (error) {
    // The asker gave up (timed out) or went away; the next request goes on regardless.
    if (!(error instanceof AiosError)) throw error;
  }
}
