/**
 * The `os` object an agent's default export receives: typed wrappers over every syscall,
 * with blocking calls (recv, call, wait, send on a full queue) turned into promises.
 *
 * @example
 * export default async function (os) {
 *   const [a, b] = await os.ipc.channel();
 *   await os.ipc.send(a, { hello: 'world' });
 *   return (await os.ipc.recv(b)).json();
 * }
 */
import type { SpawnTier } from '../kernel/runtimes.ts';
import type { SemanticIpcd } from '../services/intents/ops.ts';
import type { Memoryd } from '../services/memoryd/ops.ts';
import type { PlannerDecl } from '../services/planner/ops.ts';
import { createCheckpoint } from './checkpoint.ts';
import { AiosError, toAiosError } from './errors.ts';
import { createLlm, type Generated } from './llm.ts';
import type { AgentPort, Wait } from './port.ts';
import { createServiceCalls } from './services.ts';

export type Data = Uint8Array | string | number | boolean | null | object;

export interface Message {
  bytes: Uint8Array;
  handles: number[];
  /** Non-zero when the sender awaits a reply (use os.ipc.reply). */
  txid: number;
  text(): string;
  json<T = unknown>(): T;
}

export interface ExitStatus {
  code: number;
  reason: string;
  message?: string;
  result?: string;
}

export interface SpawnOptions {
  name?: string;
  runtime?: SpawnTier;
  schedClass?: 'realtime' | 'normal' | 'batch';
  weight?: number;
  deadlineMs?: number;
  quotas?: Record<string, number>;
  /** Handles to hand the child: { name: handle } (same rights) or { name: [handle, rights] }. */
  grants?: Record<string, number | [number, number]>;
  labels?: Record<string, string>;
}

export type { Generated, LlmMemoryOptions, LlmRequest } from './llm.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBytes(data: Data): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return encoder.encode(data);
  return encoder.encode(JSON.stringify(data));
}

interface RawMessage {
  bytes: Uint8Array;
  handles: number[];
  txid: number;
}

function message(raw: RawMessage): Message {
  return {
    bytes: raw.bytes,
    handles: raw.handles,
    txid: raw.txid,
    text: () => decoder.decode(raw.bytes),
    json: <T>() => JSON.parse(decoder.decode(raw.bytes)) as T,
  };
}

export function createOs(port: AgentPort) {
  /** Named handles; a standby gains the active instance's when it takes over. */
  const handles: Record<string, number> = { ...port.handles };
  const sys = async <T = unknown>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    try {
      return (await port.sys(name, args)) as T;
    } catch (error) {
      throw toAiosError(error);
    }
  };
  /** Runs syscall `name` until it stops answering E_WOULD_BLOCK, waiting for `wait` in between. */
  const blocking = async <T>(
    name: string,
    args: Record<string, unknown>,
    wait: Parameters<AgentPort['wait']>[0],
    timeoutMs?: number,
  ): Promise<T> => {
    if (port.block) {
      try {
        return (await port.block(name, args, wait, timeoutMs)) as T;
      } catch (error) {
        throw toAiosError(error);
      }
    }
    const attempt = () => sys<T>(name, args);
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!AiosError.is(error, 'E_WOULD_BLOCK')) throw error;
        const left = deadline - Date.now();
        if (left <= 0) throw new AiosError('E_TIMED_OUT', `Nothing arrived within ${timeoutMs} ms`);
        await port.wait(wait, left === Infinity ? undefined : left);
      }
    }
  };

  const ipc = {
    /** A new channel; both ends are yours until you send one away. */
    channel: async (depth?: number) =>
      (await sys<{ handles: [number, number] }>('channel_create', { depth })).handles,
    /** Sends, waiting while the receiver's queue is full. */
    send: (handle: number, data: Data, options: { handles?: number[]; timeoutMs?: number } = {}) =>
      blocking<void>(
        'channel_write',
        { handle, bytes: toBytes(data), handles: options.handles },
        { kind: 'writable', handle },
        options.timeoutMs,
      ),
    trySend: (handle: number, data: Data, handles?: number[]) =>
      sys<void>('channel_write', { handle, bytes: toBytes(data), handles }),
    recv: async (handle: number, options: { timeoutMs?: number } = {}) =>
      message(
        await blocking<RawMessage>(
          'channel_read',
          { handle },
          { kind: 'readable', handle },
          options.timeoutMs,
        ),
      ),
    tryRecv: async (handle: number): Promise<Message | undefined> => {
      try {
        return message(await sys<RawMessage>('channel_read', { handle }));
      } catch (error) {
        if (AiosError.is(error, 'E_WOULD_BLOCK')) return undefined;
        throw error;
      }
    },
    /** Request/reply: sends and waits for the answer (E_TIMED_OUT after timeoutMs). */
    call: async (handle: number, data: Data, options: { handles?: number[]; timeoutMs?: number } = {}) => {
      const args = { handle, bytes: toBytes(data), handles: options.handles, timeoutMs: options.timeoutMs };
      if (port.call) {
        try {
          return message((await port.call(args)) as RawMessage);
        } catch (error) {
          throw toAiosError(error);
        }
      }
      const { txid } = await blocking<{ txid: number }>('channel_call', args, { kind: 'writable', handle });
      return message(
        await blocking<RawMessage>('channel_call_result', { handle, txid }, { kind: 'reply', handle, txid }),
      );
    },
    reply: (handle: number, request: Message | number, data: Data, handles?: number[]) =>
      sys<void>('channel_reply', {
        handle,
        txid: typeof request === 'number' ? request : request.txid,
        bytes: toBytes(data),
        handles,
      }),
    /**
     * Answers requests on `handle` with `handler` until the peer closes. A caller that is gone
     * by the time its answer is ready (it died, or its call timed out) does not end the
     * serving: a service outlives its callers.
     */
    serve: async (handle: number, handler: (m: Message) => Data | Promise<Data>) => {
      for (;;) {
        let request: Message;
        try {
          request = await ipc.recv(handle);
        } catch (error) {
          if (AiosError.is(error, 'E_PEER_CLOSED')) return;
          throw error;
        }
        const answer = await handler(request);
        if (request.txid === 0) continue;
        try {
          await ipc.reply(handle, request, answer);
        } catch (error) {
          if (AiosError.is(error, 'E_PEER_CLOSED')) return;
          if (!AiosError.is(error, 'E_NOT_FOUND')) throw error; // the call timed out: nobody waits
        }
      }
    },
  };

  const mem = {
    alloc: async (size: number) => (await sys<{ handle: number }>('region_alloc', { size })).handle,
    read: (handle: number, offset: number, length: number) =>
      sys<Uint8Array>('region_read', { handle, offset, length }),
    write: (handle: number, offset: number, bytes: Uint8Array) =>
      sys<void>('region_write', { handle, offset, bytes }),
    /** The region's bytes themselves, shared without copying. */
    map: async (handle: number) =>
      new Uint8Array((await sys<{ buffer: SharedArrayBuffer }>('region_map', { handle })).buffer),
    free: (handle: number) => sys<void>('region_free', { handle }),
  };

  const checkpoint = createCheckpoint(sys, (h) => ipc.recv(h), handles);

  const handle = {
    duplicate: (h: number, rights: number) => sys<number>('handle_duplicate', { handle: h, rights }),
    close: (h: number) => sys<boolean>('handle_close', { handle: h }),
    revoke: (h: number) => sys<number>('handle_revoke', { handle: h }),
    info: (h: number) =>
      sys<{ kind: string; koid: number; rights: string[]; rightsMask: number }>('handle_info', { handle: h }),
  };

  const services = createServiceCalls({
    connect: async (service) => {
      try {
        return (await port.service('connect', service)) as number;
      } catch (error) {
        throw toAiosError(error);
      }
    },
    call: (h, data, options) => ipc.call(h, data, options),
    alloc: mem.alloc,
    write: mem.write,
    read: mem.read,
    close: handle.close,
  });
  const intent = services.client<SemanticIpcd>('semantic-ipcd');
  const memory = services.client<Memoryd>('memoryd');

  return {
    pid: port.pid,
    handles: handles as Readonly<Record<string, number>>,
    /** Runs any syscall by name: the escape hatch, same checks as the wrappers. */
    sys,
    ipc: {
      ...ipc,
      /** Sends `payload` to whichever agent handles the intent best (semantic-ipcd; docs/intents.md): its reply, handler and score. */
      sendIntent: (spec: string | { intent: string; text?: string; tags?: string[] }, payload?: unknown) =>
        intent.send({ ...(typeof spec === 'string' ? { intent: spec } : spec), payload }),
    },
    mem,
    handle,
    log: (...parts: unknown[]) =>
      port.service('log', parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')),
    sleep: (ms: number) => port.wait({ kind: 'sleep', ms }),
    /**
     * Gives the CPU back for a moment: a long computation should call this now and then. An
     * agent that has used its slice waits here for the scheduler's next grant (CPU is shared
     * by weight); one that never yields is stopped at its CPU limit.
     */
    yield: async (): Promise<void> => {
      await port.service('yield', null);
    },
    /**
     * Hibernates until `wait` holds (a message on a channel, an agent's exit, a sleep): the
     * runtime releases everything the agent's code holds in memory, and when the wait is
     * over runs its default export again from the top, with the same pid and handles. Keep
     * what must survive in os.checkpoint. Never returns: it throws to end the agent's code
     * (let it propagate). Isolate runtime only.
     *
     * @example
     * const state = (await os.checkpoint.load()) ?? { seen: 0 };
     * while (await os.ipc.tryRecv(os.handles.inbox)) state.seen++;
     * await os.checkpoint.save(state);
     * await os.hibernate({ kind: 'readable', handle: os.handles.inbox });
     */
    hibernate: async (wait: Wait): Promise<never> => {
      await port.service('hibernate', wait);
      // Unwinds the agent's code; the runtime starts it again when the wait holds.
      throw new AiosError('E_BAD_STATE', 'The agent is hibernating; its code ends here');
    },
    /** Spawns `image` (a path relative to this agent's file) as a child. */
    spawn: async (image: string, options: SpawnOptions = {}) => {
      const ref = (await port.service('image', image)) as { ref: string; hash: string; runtime: string };
      const grants = Object.entries(options.grants ?? {}).map(([, g]) =>
        Array.isArray(g) ? { handle: g[0], rights: g[1] } : { handle: g, rights: 0xffffffff },
      );
      const resolved = await Promise.all(
        grants.map(async (g) => ({
          handle: g.handle,
          rights: g.rights === 0xffffffff ? (await handle.info(g.handle)).rightsMask : g.rights,
        })),
      );
      return sys<{ pid: number; handle: number }>('process_spawn', {
        handle: handles.spawn ?? handles.system,
        image: { ref: ref.ref, hash: ref.hash },
        runtime: options.runtime ?? ref.runtime,
        name: options.name,
        schedClass: options.schedClass,
        weight: options.weight,
        deadlineMs: options.deadlineMs,
        quotas: options.quotas,
        labels: { ...options.labels, grantNames: Object.keys(options.grants ?? {}).join(',') },
        grants: resolved,
      });
    },
    kill: (h: number) => sys<void>('process_kill', { handle: h }),
    suspend: (h: number) => sys<void>('process_suspend', { handle: h }),
    resume: (h: number) => sys<void>('process_resume', { handle: h }),
    info: (h: number) => sys<Record<string, unknown>>('process_info', { handle: h }),
    /** Waits for an agent to end and returns its exit status. */
    wait: (h: number, timeoutMs?: number) =>
      blocking<ExitStatus>('process_wait', { handle: h }, { kind: 'exit', handle: h }, timeoutMs),
    token: {
      redeem: (token: string) =>
        sys<{ handle: number; rights: string[]; scope: string }>('token_redeem', { token }),
    },
    /** The scheduled LLM service; `memory` hands it the core blocks and records the exchange (docs/memory.md). */
    llm: createLlm((request) => port.service('llm', request) as Promise<Generated>, memory),
    tool: {
      call: (name: string, args: Record<string, unknown> = {}) => port.service('tool', { name, args }),
    },
    checkpoint,
    /** memoryd: remember, search, version, link and share memories (docs/memory.md). */
    memory,
    /** The planner: run durable plans with your rights, approve, fork, cancel (docs/planner.md). */
    plan: services.client<PlannerDecl>('planner'),
    /** semantic-ipcd: register what this agent handles, route and send by intent (docs/intents.md). */
    intent,
    /** Any system service by name: `os.services.client('memoryd')`, or one call. */
    services: { call: services.call, client: services.client },
    exit: (code: number, result?: unknown, message?: string) =>
      sys<void>('process_exit', {
        code,
        result: result === undefined ? undefined : JSON.stringify(result),
        message,
      }),
  };
}

export type Os = ReturnType<typeof createOs>;
