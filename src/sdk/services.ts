/**
 * Calling system services from agent code (`os.memory.search(…)`, `os.services.call(…)`), the
 * same in every runtime. The first call to a service asks the host to connect this agent: the
 * host makes a channel, gives the service one end with who this agent is, and this agent the
 * other; later calls reuse it. A service that is down or restarting answers E_UNAVAILABLE, and
 * so does a call it stopped in the middle of; the next call connects again.
 *
 * Only the operations' names are needed here, so agent bundles carry no schema library: a
 * client is a Proxy, typed by the service's declaration (`import type`).
 *
 * @example
 * await os.memory.put({ text: 'The user prefers tea' });
 * const { hits } = await os.memory.search({ query: 'what does the user drink' });
 */
import type { ServiceClient, ServiceDecl } from '../services/declare.ts';
import { AiosError } from './errors.ts';
import { SERVICE_WIRE, type ServiceReply } from './service-wire.ts';

interface RawReply {
  bytes: Uint8Array;
  handles: number[];
  json<T>(): T;
}

/** What the client needs from the `os` it lives in. */
export interface ServiceDeps {
  /** Asks the host for a new connection to `service`; resolves with its handle. */
  connect(service: string): Promise<number>;
  call(
    handle: number,
    data: Uint8Array,
    options: { handles?: number[]; timeoutMs?: number },
  ): Promise<RawReply>;
  alloc(size: number): Promise<number>;
  write(region: number, offset: number, bytes: Uint8Array): Promise<void>;
  read(region: number, offset: number, length: number): Promise<Uint8Array>;
  close(handle: number): Promise<unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A send that failed because the service's end was already gone never reached it, so it is
 * safe to send again on a new connection; a call the service read and then died on may have
 * done its work, so that one fails with E_UNAVAILABLE instead (the kernel's message says which).
 */
const NOT_SENT = /channel is closed/;
const STALE = ['E_PEER_CLOSED', 'E_BAD_HANDLE', 'E_REVOKED'] as const;

export function createServiceCalls(deps: ServiceDeps) {
  const connections = new Map<string, Promise<number>>();

  const connection = (service: string): Promise<number> => {
    let pending = connections.get(service);
    if (pending === undefined) {
      pending = deps.connect(service);
      connections.set(service, pending);
      pending.catch(() => {
        if (connections.get(service) === pending) connections.delete(service);
      });
    }
    return pending;
  };

  const drop = (service: string, pending: Promise<number>) => {
    if (connections.get(service) === pending) connections.delete(service);
    pending.then((h) => deps.close(h)).catch(() => {});
  };

  /** Runs operation `op` of `service` with `args` as this agent; resolves with its result. */
  const call = async (service: string, op: string, args: unknown = {}): Promise<unknown> => {
    const tooBig = (bytes: number, atLeast = '') =>
      new AiosError(
        'E_TOO_BIG',
        `The ${service}.${op} request is ${atLeast}${bytes} bytes, over the ${SERVICE_WIRE.REQUEST_MAX_BYTES}-byte limit of a service request; send less at a time`,
      );
    // Counted before it is encoded: encoding megabytes would cost an isolate its CPU slice
    const least = leastBytes(args);
    if (least > SERVICE_WIRE.REQUEST_MAX_BYTES) throw tooBig(least, 'at least ');
    const json = encoder.encode(JSON.stringify({ op, args }));
    if (json.length > SERVICE_WIRE.REQUEST_MAX_BYTES) throw tooBig(json.length);
    for (let attempt = 0; ; attempt++) {
      const pending = connection(service);
      const handle = await pending;
      let region = 0;
      let bytes = json;
      if (json.length > SERVICE_WIRE.INLINE_MAX_BYTES) {
        region = await deps.alloc(json.length);
        await deps.write(region, 0, json);
        bytes = encoder.encode(JSON.stringify({ region: json.length }));
      }
      let reply: RawReply;
      try {
        reply = await deps.call(handle, bytes, {
          handles: region ? [region] : undefined,
          timeoutMs: SERVICE_WIRE.CALL_TIMEOUT_MS,
        });
      } catch (error) {
        if (region) await deps.close(region).catch(() => {}); // still ours when the send failed
        if (!STALE.some((code) => AiosError.is(error, code))) throw error;
        drop(service, pending);
        const unsent = !AiosError.is(error, 'E_PEER_CLOSED') || NOT_SENT.test((error as Error).message);
        if (attempt === 0 && unsent) continue;
        throw new AiosError(
          'E_UNAVAILABLE',
          `Service '${service}' stopped before it answered ${op}; call again once it is back (a write may or may not have been made)`,
        );
      }
      return result(reply);
    }
  };

  const result = async (reply: RawReply): Promise<unknown> => {
    const [attached, ...extra] = reply.handles;
    for (const h of extra) await deps.close(h).catch(() => {});
    const body = reply.json<ServiceReply>();
    if (!body.ok) {
      if (attached !== undefined) await deps.close(attached).catch(() => {});
      throw new AiosError(body.code, body.message);
    }
    if (body.region === undefined) {
      if (attached !== undefined) await deps.close(attached).catch(() => {});
      return body.result;
    }
    try {
      return JSON.parse(decoder.decode(await deps.read(attached, 0, body.region)));
    } finally {
      await deps.close(attached).catch(() => {});
    }
  };

  /** A typed client of one service: each operation of its declaration is a method. */
  const client = <D extends ServiceDecl>(service: string): ServiceClient<D> =>
    new Proxy({} as ServiceClient<D>, {
      get: (_target, op) =>
        // not a thenable: `await os.memory` is the client itself
        typeof op === 'string' && op !== 'then'
          ? (args?: unknown) => call(service, op, args ?? {})
          : undefined,
    });

  return { call, client };
}

export type ServiceCalls = ReturnType<typeof createServiceCalls>;

/** A lower bound of the bytes `value` takes as JSON: its strings' lengths (each char at least a byte). */
function leastBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 8) return 0;
  let sum = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) sum += leastBytes(v, depth + 1);
  return sum;
}
