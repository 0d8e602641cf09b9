/**
 * semantic-ipcd's operations, declared once (see ../declare.ts): `os.intent.*` (and
 * `os.ipc.sendIntent`), `aios intent …`, `/v1/intent/…`, the OpenAPI document and the
 * `intent_*` MCP tools are derived from this.
 *
 * A handler is the agent that registers (the name the service knows its connection by, never
 * one it claims). It serves what is routed to it by calling `next` (which waits for a message)
 * and `answer` (which hands the reply back to the sender), over its own connection: see
 * docs/intents.md.
 *
 * @example
 * await os.intent.register({ intent: 'weather', description: 'Forecasts', examples: ['will it rain'] });
 * const { handler, reply } = await os.intent.send({ intent: 'do I need an umbrella', payload: { place: 'Oslo' } });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { defineService, op } from '../declare.ts';
import { INTENT_LIMITS as L } from './limits.ts';

const IntentName = z.string().trim().min(1).max(L.INTENT_MAX_CHARS);
const Tags = z.array(z.string().min(1).max(L.TAG_MAX_CHARS)).max(L.TAGS_MAX);
const Message = {
  /** An intent name ('weather'), or what is wanted in words ('do I need an umbrella'). */
  intent: z.string().trim().min(1).max(L.TEXT_MAX_CHARS),
  text: z.string().max(L.TEXT_MAX_CHARS).optional(),
  tags: Tags.optional(),
};

export const Scored = z.object({
  handler: z.string(),
  intent: z.string(),
  score: z.number(),
  meaning: z.number(),
  words: z.number(),
  tags: z.number(),
  keywords: z.number(),
});

export const Handler = z.object({
  handler: z.string(),
  intent: z.string(),
  description: z.string(),
  examples: z.array(z.string()),
  /** Requests that read like the handler's but that it does not do. */
  counterexamples: z.array(z.string()).optional(),
  tags: z.array(z.string()),
  schema: z.record(z.string(), z.unknown()).optional(),
  /** Agents allowed to reach it; absent: every agent. */
  allow: z.array(z.string()).optional(),
  /** Whether its handler has called this incarnation of the service (a message reaches it only then). */
  running: z.boolean(),
});

const Routed = z.object({
  handler: z.string(),
  intent: z.string(),
  how: z.enum(['exact', 'meaning']),
  score: z.number(),
  candidates: z.array(Scored),
});

export const SEMANTIC_IPCD = defineService({
  name: 'semantic-ipcd',
  noun: 'intent',
  summary: 'Semantic IPC: register what you handle, send by intent, reach the best handler',
  ops: {
    register: op({
      summary:
        'Register an intent this agent handles (description, examples, counterexamples, tags, payload schema, who may reach it)',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        intent: IntentName,
        description: z.string().trim().min(1).max(L.DESCRIPTION_MAX_CHARS),
        examples: z
          .array(z.string().trim().min(1).max(L.EXAMPLE_MAX_CHARS))
          .min(L.EXAMPLES_MIN)
          .max(L.EXAMPLES_MAX),
        counterexamples: z
          .array(z.string().trim().min(1).max(L.EXAMPLE_MAX_CHARS))
          .max(L.COUNTEREXAMPLES_MAX)
          .optional(),
        tags: Tags.optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        allow: z.array(z.string().min(1)).max(L.ALLOW_MAX).optional(),
      }),
      result: Handler.extend({
        /** Registrations that read like this one (a look-alike competes by meaning; the older wins a tie). */
        warnings: z.array(z.string()),
      }),
      cli: { positional: ['intent', 'description'] },
    }),
    unregister: op({
      summary: 'Stop handling an intent (its handler, or the owner)',
      access: 'write',
      risk: RISK.DESTROY,
      args: z.object({ intent: IntentName }),
      result: z.object({ removed: z.boolean() }),
      cli: { positional: ['intent'] },
    }),
    handlers: op({
      summary: 'List the registered handlers and their intents',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({}),
      result: z.object({ handlers: z.array(Handler) }),
    }),
    route: op({
      summary: 'Which handler a message would reach, with the scores, without sending it',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object(Message),
      result: Routed,
      cli: { positional: ['intent'] },
    }),
    send: op({
      summary: "Send a message by intent to the best handler and return the handler's reply",
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({ ...Message, payload: z.unknown().optional() }),
      result: Routed.extend({ reply: z.unknown() }),
      cli: { positional: ['intent'] },
      // It waits for the handler's answer: the sender's own next/answer calls go on meanwhile.
      waits: true,
    }),
    next: op({
      summary: "A handler's next routed message; waits a while and returns none if nothing came",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ waitMs: z.number().int().min(0).max(L.NEXT_WAIT_MAX_MS).optional() }),
      result: z.object({
        message: z
          .object({
            id: z.number().int(),
            from: z.string(),
            intent: z.string(),
            text: z.string().optional(),
            tags: z.array(z.string()),
            payload: z.unknown(),
          })
          .nullable(),
      }),
      waits: true,
    }),
    answer: op({
      summary: 'Reply to a routed message (its sender is waiting); error fails it with that message',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        id: z.number().int().positive(),
        reply: z.unknown().optional(),
        error: z.string().max(L.TEXT_MAX_CHARS).optional(),
      }),
      result: z.object({ delivered: z.boolean() }),
    }),
  },
});

export type SemanticIpcd = typeof SEMANTIC_IPCD;
