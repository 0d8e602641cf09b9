/**
 * The context bus's operations, declared once (see ../declare.ts): `os.context.*`,
 * `aios context …`, `/v1/context/…`, the OpenAPI document and the `context_*` MCP tools are
 * derived from this. Who calls is the connection's identity, never an argument; the service
 * checks each context's grants (an owner may share and drop its own contexts, which is why
 * those two are `admin` yet open to a context's owner).
 *
 * @example
 * await os.context.create({ name: 'plan' });
 * const { seq } = await os.context.publish({ context: 'plan', type: 'step', data: { n: 1 } });
 * const { events, next, missed } = await os.context.read({ context: 'plan', after: 0, waitMs: 5000 });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { ACCESS_LEVELS, defineService, op, SHARE_LEVELS } from '../declare.ts';
import { BUS_LIMITS } from './limits.ts';

const Name = z.string().min(1).max(BUS_LIMITS.NAME_MAX_CHARS);
const Key = z.string().min(1).max(BUS_LIMITS.KEY_MAX_CHARS);
const Seq = z.number().int().min(0);
/** What a context's owner grants another agent; `none` takes a grant back. */
const Granted = z.enum(SHARE_LEVELS);
/** Any JSON; said so when missing (zod's own word for it is 'nonoptional'). */
const Json = z.unknown().refine((v) => v !== undefined, {
  error: 'is missing: give any JSON value (string, number, boolean, null, array or object)',
});

export const Entry = z.object({
  key: z.string(),
  value: z.unknown(),
  version: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.number(),
});

export const BusEvent = z.object({
  seq: z.number().int(),
  type: z.string(),
  data: z.unknown(),
  from: z.string(),
  at: z.number(),
});

export const BUSD = defineService({
  name: 'busd',
  noun: 'context',
  summary: 'Context buses: named shared state and event streams that agents publish to and read',
  ops: {
    contexts: op({
      summary: 'List the contexts this caller can read, with its access and their counts',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({}),
      result: z.object({
        contexts: z.array(
          z.object({
            name: z.string(),
            owner: z.string(),
            access: z.enum(ACCESS_LEVELS),
            backlog: z.number().int(),
            keys: z.number().int(),
            events: z.number().int(),
            seq: z.number().int(),
            createdAt: z.number(),
          }),
        ),
      }),
    }),
    create: op({
      summary: `Create a context you own, keeping its last backlog events (default ${BUS_LIMITS.BACKLOG_DEFAULT})`,
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        name: Name,
        backlog: z.number().int().min(1).max(BUS_LIMITS.BACKLOG_MAX).optional(),
      }),
      result: z.object({ context: z.string(), backlog: z.number().int() }),
      cli: { positional: ['name'] },
    }),
    set: op({
      summary: "Set a key of a context's state; with ifVersion only if the key is at that version (0: new)",
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({ context: Name, key: Key, value: Json, ifVersion: Seq.optional() }),
      result: z.object({ version: z.number().int() }),
      cli: { positional: ['context', 'key', 'value'] },
    }),
    get: op({
      summary: "Read one key of a context's state, or all of it",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ context: Name, key: Key.optional() }),
      result: z.object({ context: z.string(), entries: z.array(Entry) }),
      cli: { positional: ['context', 'key'] },
    }),
    publish: op({
      summary: "Append an event to a context's stream; the oldest beyond its backlog are dropped",
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        context: Name,
        type: z.string().min(1).max(BUS_LIMITS.TYPE_MAX_CHARS),
        data: z.unknown().optional(),
      }),
      result: z.object({ seq: z.number().int() }),
      cli: { positional: ['context', 'type', 'data'] },
    }),
    read: op({
      summary: 'Read the events after a cursor; waitMs waits that long for the next one when there are none',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        context: Name,
        after: Seq.optional(),
        limit: z.number().int().min(1).max(BUS_LIMITS.READ_LIMIT_MAX).optional(),
        waitMs: z.number().int().min(0).max(BUS_LIMITS.WAIT_MAX_MS).optional(),
      }),
      result: z.object({ events: z.array(BusEvent), next: z.number().int(), missed: z.number().int() }),
      cli: { positional: ['context'] },
      waits: true,
    }),
    share: op({
      summary: 'Let another agent (by name) read or write a context you own; access none takes it back',
      access: 'admin',
      risk: RISK.OVERWRITE,
      args: z.object({
        context: Name,
        agent: z.string().min(1).max(BUS_LIMITS.AGENT_MAX_CHARS),
        access: Granted,
      }),
      result: z.object({ context: z.string(), agent: z.string(), access: Granted }),
      cli: { positional: ['context', 'agent', 'access'] },
    }),
    drop: op({
      summary: 'Remove a context you own, with its state, events and grants',
      access: 'admin',
      risk: RISK.DESTROY,
      args: z.object({ context: Name }),
      result: z.object({ context: z.string(), keys: z.number().int(), events: z.number().int() }),
      cli: { positional: ['context'] },
    }),
  },
});

export type Busd = typeof BUSD;
