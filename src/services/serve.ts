/**
 * The service side of a system service, written once for every service: accept connections,
 * read each caller's requests, check the arguments against the operation's schema and the
 * caller's access, run the handler, audit writes, reply. A service's agent module declares what
 * it does (declare.ts) and hands its handlers here:
 *
 * @example
 * export default async function memoryd(os: Os) {
 *   await serve(os, { decl: MEMORYD, handlers: { search: (args, caller) => ... }, authorize, audit });
 * }
 *
 * Connections arrive on the `service` handle (the endpoint its supervisor keeps across
 * restarts) from the host, each with who it belongs to (sdk/service-wire.ts); a connection
 * keeps that identity for its life. Each connection is served in order (one caller's requests
 * one at a time) and connections concurrently, so one busy caller cannot hold up the others.
 */
import type { z } from 'zod';
import { AiosError } from '../sdk/errors.ts';
import type { Message, Os } from '../sdk/os.ts';
import { SERVICE_WIRE, type ServiceCaller, type ServiceReply } from '../sdk/service-wire.ts';
import type { Access, OpDecl, ServiceDecl } from './declare.ts';

export type { ServiceCaller } from '../sdk/service-wire.ts';

type Handlers<D extends ServiceDecl> = {
  [K in keyof D['ops']]: (
    args: z.output<D['ops'][K]['args']>,
    caller: ServiceCaller,
  ) => Promise<z.input<D['ops'][K]['result']>> | z.input<D['ops'][K]['result']>;
};

export interface ServiceImpl<D extends ServiceDecl> {
  decl: D;
  handlers: Handlers<D>;
  /**
   * Throws (an AiosError, E_NO_RIGHTS) when `caller` may not run `op` with these arguments. By
   * default read and write ops are open to every connection and admin ops to the owner alone.
   */
  authorize?(caller: ServiceCaller, op: string, access: Access, args: Record<string, unknown>): void;
  /** Resolves when a write of `caller`'s may run: the service's rate bound (backpressure). */
  admit?(caller: ServiceCaller, op: string): Promise<void>;
  /** What the audit records of a write that succeeded: never the content (a hash of it). */
  audit?(caller: ServiceCaller, op: string, args: Record<string, unknown>, result: unknown): string;
  /** Turns a handler's own error into the one its caller gets; undefined for a bug. */
  error?(error: unknown): AiosError | undefined;
  /** Logs what a caller should not see (a bug's stack). */
  log?(message: string): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serves `impl` until the service's endpoint closes (the system is shutting down). */
export async function serve<D extends ServiceDecl>(os: Os, impl: ServiceImpl<D>): Promise<void> {
  const accept = os.handles.service;
  if (accept === undefined)
    throw new Error(`Service '${impl.decl.name}' has no 'service' handle to accept on`);
  for (;;) {
    let m: Message;
    try {
      m = await os.ipc.recv(accept);
    } catch (error) {
      if (AiosError.is(error, 'E_PEER_CLOSED')) return;
      throw error;
    }
    const [connection, ...extra] = m.handles;
    for (const h of extra) await os.handle.close(h);
    const caller = identity(m);
    if (connection === undefined || caller === undefined) {
      // Not from the host (the owner holds this endpoint too): nothing to bind, answer and drop it
      if (connection !== undefined) await os.handle.close(connection);
      if (m.txid !== 0)
        await reply(
          os,
          accept,
          m.txid,
          fail('E_BAD_ARG', 'This endpoint takes connections from the host only'),
        );
      continue;
    }
    void serveConnection(os, impl, connection, caller).catch((error: unknown) =>
      impl.log?.(`connection of ${caller.name} (pid ${caller.pid}) ended: ${String(error)}`),
    );
  }
}

function identity(m: Message): ServiceCaller | undefined {
  try {
    const v = m.json<Partial<ServiceCaller>>();
    if (typeof v.pid === 'number' && typeof v.name === 'string' && typeof v.owner === 'boolean') {
      const resources = typeof v.resources === 'object' && v.resources !== null ? v.resources : {};
      return { pid: v.pid, name: v.name, owner: v.owner, resources };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

async function serveConnection<D extends ServiceDecl>(
  os: Os,
  impl: ServiceImpl<D>,
  connection: number,
  caller: ServiceCaller,
): Promise<void> {
  let waiting = 0;
  const mayWait = Object.values(impl.decl.ops).some((o) => o.waits === true);
  try {
    for (;;) {
      let m: Message;
      try {
        m = await os.ipc.recv(connection);
      } catch (error) {
        if (AiosError.is(error, 'E_PEER_CLOSED')) return; // the caller ended or let go
        throw error;
      }
      const answering = run(os, impl, caller, m).then((answer) =>
        m.txid !== 0 ? reply(os, connection, m.txid, answer) : closeAll(os, answer.handles),
      );
      if (mayWait && waiting < SERVICE_WIRE.WAITING_PER_CONNECTION && waits(impl.decl, m)) {
        // A long poll: the caller's next calls go ahead of it (an agent publishes while it waits)
        waiting++;
        void answering
          .catch((error: unknown) => impl.log?.(`a waiting call of ${caller.name} failed: ${String(error)}`))
          .finally(() => waiting--);
      } else {
        await answering;
      }
    }
  } finally {
    await os.handle.close(connection).catch(() => {});
  }
}

/** Whether the request in `m` is a call of an operation declared `waits` (read from the message only). */
function waits(decl: ServiceDecl, m: Message): boolean {
  try {
    const op = m.json<{ op?: unknown }>().op;
    return typeof op === 'string' && Object.hasOwn(decl.ops, op) && decl.ops[op].waits === true;
  } catch {
    return false;
  }
}

interface Answer {
  body: ServiceReply;
  handles: number[];
}

const fail = (code: AiosError['code'], message: string): Answer => ({
  body: { ok: false, code, message },
  handles: [],
});

async function run<D extends ServiceDecl>(
  os: Os,
  impl: ServiceImpl<D>,
  caller: ServiceCaller,
  m: Message,
): Promise<Answer> {
  const service = impl.decl.name;
  let request: { op?: unknown; args?: unknown };
  try {
    request = await readRequest(os, m);
  } catch (error) {
    return AiosError.is(error)
      ? fail(error.code, error.message)
      : fail('E_BAD_ARG', `Unreadable request: ${error}`);
  }
  const op = typeof request.op === 'string' ? request.op : '';
  const decl = Object.hasOwn(impl.decl.ops, op) ? (impl.decl.ops[op] as OpDecl) : undefined;
  if (decl === undefined) {
    const ops = Object.keys(impl.decl.ops).join(', ');
    return fail('E_UNKNOWN_CALL', `${service} has no operation '${op}'; it has ${ops}`);
  }
  const parsed = decl.args.safeParse(request.args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'args';
    return fail(
      'E_BAD_ARG',
      `${service}.${op}: '${field}' ${issue.message.toLowerCase()}; see its declaration`,
    );
  }
  const args = parsed.data as Record<string, unknown>;
  try {
    if (impl.authorize) impl.authorize(caller, op, decl.access, args);
    else if (decl.access === 'admin' && !caller.owner)
      throw new AiosError('E_NO_RIGHTS', `${service}.${op} is for the owner only`);
    if (decl.access !== 'read') await impl.admit?.(caller, op);
    const handler = impl.handlers[op] as (a: unknown, c: ServiceCaller) => unknown;
    const result = await handler(args, caller);
    if (decl.access !== 'read') await auditWrite(os, impl, caller, op, decl, args, result);
    return await encodeResult(os, result);
  } catch (error) {
    const known = AiosError.is(error) ? error : impl.error?.(error);
    if (known) return fail(known.code, known.message);
    impl.log?.(`${service}.${op} failed: ${(error as Error)?.stack ?? String(error)}`);
    return fail(
      'E_BAD_STATE',
      `${service}.${op} failed inside the service: ${(error as Error)?.message ?? error}`,
    );
  }
}

async function readRequest(os: Os, m: Message): Promise<{ op?: unknown; args?: unknown }> {
  const body = m.json<{ op?: unknown; args?: unknown; region?: unknown }>();
  if (body.region === undefined) {
    await closeAll(os, m.handles);
    return body;
  }
  const [region, ...extra] = m.handles;
  await closeAll(os, extra);
  try {
    const size = Number(body.region);
    if (region === undefined || !Number.isInteger(size) || size < 0)
      throw new AiosError('E_BAD_ARG', 'A request in a region names its size and carries the region');
    if (size > SERVICE_WIRE.REQUEST_MAX_BYTES) {
      throw new AiosError(
        'E_TOO_BIG',
        `The request is ${size} bytes, over the ${SERVICE_WIRE.REQUEST_MAX_BYTES}-byte limit of a service request; send less at a time`,
      );
    }
    return JSON.parse(decoder.decode(await os.mem.read(region, 0, size)));
  } finally {
    if (region !== undefined) await os.handle.close(region).catch(() => {});
  }
}

async function encodeResult(os: Os, result: unknown): Promise<Answer> {
  const inline: ServiceReply = { ok: true, result };
  const text = JSON.stringify(inline);
  if (
    text.length <= SERVICE_WIRE.INLINE_MAX_BYTES / 3 ||
    encoder.encode(text).length <= SERVICE_WIRE.INLINE_MAX_BYTES
  )
    return { body: inline, handles: [] };
  const bytes = encoder.encode(JSON.stringify(result));
  if (bytes.length > SERVICE_WIRE.REPLY_MAX_BYTES) {
    throw new AiosError(
      'E_TOO_BIG',
      `The answer is ${bytes.length} bytes, over the ${SERVICE_WIRE.REPLY_MAX_BYTES}-byte limit; ask for less (a lower limit, one namespace)`,
    );
  }
  const region = await os.mem.alloc(bytes.length);
  await os.mem.write(region, 0, bytes);
  return { body: { ok: true, region: bytes.length }, handles: [region] };
}

async function auditWrite<D extends ServiceDecl>(
  os: Os,
  impl: ServiceImpl<D>,
  caller: ServiceCaller,
  op: string,
  decl: OpDecl,
  args: Record<string, unknown>,
  result: unknown,
): Promise<void> {
  const target = impl.audit?.(caller, op, args, result) ?? `by ${caller.name} (pid ${caller.pid})`;
  await os.sys('tool_invoke', {
    handle: os.handles.tool,
    tool: impl.decl.name,
    action: op,
    risk: decl.risk,
    target,
  });
}

async function reply(os: Os, connection: number, txid: number, answer: Answer): Promise<void> {
  try {
    await os.ipc.reply(connection, txid, answer.body, answer.handles.length > 0 ? answer.handles : undefined);
  } catch (error) {
    await closeAll(os, answer.handles); // the caller gave up or ended: nobody waits for it
    if (!AiosError.is(error, 'E_PEER_CLOSED') && !AiosError.is(error, 'E_NOT_FOUND')) throw error;
  }
}

async function closeAll(os: Os, handles: number[]): Promise<void> {
  for (const h of handles) await os.handle.close(h).catch(() => {});
}
