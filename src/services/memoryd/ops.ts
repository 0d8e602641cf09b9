/**
 * memoryd's operations, declared once (see ../declare.ts): `os.memory.*`, `aios memory …`,
 * `/v1/memory/…`, the OpenAPI document and the `memory_*` MCP tools are derived from this.
 * A namespace left out is the caller's own (an agent's: `agent/<name>`; the owner's: `owner`).
 *
 * @example
 * const { hits } = await os.memory.search({ query: 'which colleague looks after the yearly audit' });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { ACCESS_LEVELS, defineService, op, SHARE_LEVELS } from '../declare.ts';
import { MEMORY_LIMITS } from './limits.ts';
import { tierOps } from './tier-ops.ts';
import { MEMORY_KINDS } from './validate.ts';

const Namespace = z.string().min(1).max(MEMORY_LIMITS.NAMESPACE_MAX_CHARS).optional();
const Id = z.number().int().positive();
const Version = z.number().int().positive();
const Kind = z.enum(MEMORY_KINDS);

export const Memory = z.object({
  id: Id,
  namespace: z.string(),
  kind: Kind,
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  importance: z.number(),
  /** sha256 of the text: what the audit records instead of the content. */
  hash: z.string(),
  version: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const Hit = Memory.extend({
  score: z.number(),
  similarity: z.number().optional(),
  lexicalRank: z.number().optional(),
  vectorRank: z.number().optional(),
});

/** The embedders memoryd can be configured with (config.json's memory.embedder.provider). */
export const EMBEDDER_PROVIDERS = ['use-lite', 'openai', 'onnx'] as const;

const REEMBED_STATES = ['running', 'waiting', 'done'] as const;

/** One namespace's re-embedding: `memory reembed --watch` draws done/total until state is done. */
const ReembedJob = z.object({
  namespace: z.string(),
  from: z.string(),
  to: z.string(),
  dimension: z.number().int(),
  done: z.number().int(),
  total: z.number().int(),
  state: z.enum(REEMBED_STATES),
  error: z.string().optional(),
});

export const Link = z.object({ from: Id, to: Id, relation: z.string(), weight: z.number() });

const Content = {
  kind: Kind.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  importance: z.number().min(0).max(1).optional(),
};

export const MEMORYD = defineService({
  name: 'memoryd',
  noun: 'memory',
  summary: 'Semantic memory: versioned memories, hybrid search, links, per-agent namespaces',
  ops: {
    namespaces: op({
      summary: 'List the namespaces this caller can read, with their model and counts',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({}),
      result: z.object({
        namespaces: z.array(
          z.object({
            name: z.string(),
            model: z.string(),
            dimension: z.number(),
            count: z.number(),
            bytes: z.number(),
            access: z.enum(ACCESS_LEVELS),
          }),
        ),
      }),
    }),
    put: op({
      summary: 'Store a memory',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({ namespace: Namespace, text: z.string().min(1), ...Content }),
      result: Memory,
      cli: { positional: ['text'] },
    }),
    get: op({
      summary: 'Read a memory, now or as it read at a time (asOf, ms since the epoch)',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace, id: Id, asOf: z.number().optional() }),
      result: Memory,
      cli: { positional: ['id'] },
    }),
    update: op({
      summary: 'Write a new version of a memory',
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({ namespace: Namespace, id: Id, text: z.string().min(1).optional(), ...Content }),
      result: Memory,
      cli: { positional: ['id', 'text'] },
    }),
    search: op({
      summary: 'Search memories by words and by meaning',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        namespace: Namespace,
        query: z.string().min(1),
        limit: z.number().int().min(1).max(MEMORY_LIMITS.SEARCH_LIMIT_MAX).optional(),
        mode: z.enum(['hybrid', 'lexical', 'vector']).optional(),
        kinds: z.array(Kind).optional(),
        recencyWeight: z.number().min(0).optional(),
        importanceWeight: z.number().min(0).optional(),
      }),
      result: z.object({
        hits: z.array(Hit),
        /** Why the search was lexical only (the embedder failed, or the namespace is being re-embedded). */
        note: z.string().optional(),
      }),
      cli: { positional: ['query'] },
    }),
    history: op({
      summary: 'Every version of a memory, oldest first',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace, id: Id }),
      result: z.object({ versions: z.array(Memory) }),
      cli: { positional: ['id'] },
    }),
    diff: op({
      summary: 'What changed between two versions of a memory (field by field)',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace, id: Id, from: Version, to: Version }),
      result: z.object({
        from: Memory,
        to: Memory,
        changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
      }),
      cli: { positional: ['id', 'from', 'to'] },
    }),
    forget: op({
      summary: 'Remove memories for good: rows, versions, search entries and vectors',
      access: 'write',
      risk: RISK.DESTROY,
      args: z.object({ namespace: Namespace, ids: z.array(Id).min(1) }),
      result: z.object({ forgotten: z.number().int() }),
      cli: { positional: ['ids'] },
    }),
    link: op({
      summary: 'Relate two memories (a typed, directed link)',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        namespace: Namespace,
        from: Id,
        to: Id,
        relation: z.string().min(1).max(MEMORY_LIMITS.RELATION_MAX_CHARS).optional(),
        weight: z.number().optional(),
      }),
      result: Link,
      cli: { positional: ['from', 'to', 'relation'] },
    }),
    graph: op({
      summary: "A memory's neighbourhood (links within depth), or the path between two memories",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        namespace: Namespace,
        id: Id,
        depth: z.number().int().min(1).max(MEMORY_LIMITS.GRAPH_DEPTH_MAX).optional(),
        to: Id.optional(),
      }),
      result: z.object({ nodes: z.array(Memory), links: z.array(Link) }),
      cli: { positional: ['id'] },
    }),
    share: op({
      summary: 'Let another agent (by name) read or write one of your namespaces; access none takes it back',
      access: 'admin',
      risk: RISK.OVERWRITE,
      args: z.object({
        namespace: Namespace,
        agent: z.string().min(1).max(MEMORY_LIMITS.NAMESPACE_MAX_CHARS),
        access: z.enum(SHARE_LEVELS),
      }),
      result: z.object({
        namespace: z.string(),
        agent: z.string(),
        access: z.enum(SHARE_LEVELS),
      }),
      cli: { positional: ['agent', 'access'] },
    }),
    export: op({
      summary: 'Every current memory of a namespace, with its links (JSON)',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ namespace: Namespace }),
      result: z.object({ namespace: z.string(), memories: z.array(Memory), links: z.array(Link) }),
    }),
    status: op({
      summary:
        "The embedder (provider, model, dimension, health) and the caller's namespaces with any re-embedding",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        probe: z
          .boolean()
          .optional()
          .describe('embed one short text first, to learn whether the provider answers now'),
      }),
      result: z.object({
        provider: z.enum(EMBEDDER_PROVIDERS),
        model: z.string().nullable(),
        dimension: z.number().int().nullable(),
        health: z.enum(['not loaded', 'ok', 'failing']),
        error: z.string().optional(),
        location: z.string(),
        namespaces: z.array(
          z.object({
            name: z.string(),
            model: z.string(),
            dimension: z.number().int(),
            count: z.number().int(),
            reembedTo: z.string().optional(),
            reembedDone: z.number().int().optional(),
            reembedState: z.enum(REEMBED_STATES).optional(),
          }),
        ),
      }),
    }),
    reembed: op({
      summary:
        "Re-embed a namespace (every one whose model is not the configured embedder's, when none is named) in the background; shows its progress",
      access: 'admin',
      risk: RISK.OVERWRITE,
      args: z.object({ namespace: Namespace }),
      result: z.object({ jobs: z.array(ReembedJob) }),
      cli: { watch: true },
    }),
    check: op({
      summary: 'Verify that rows, versions, search entries, vectors and links agree (all namespaces)',
      access: 'admin',
      risk: RISK.READ_ONLY,
      args: z.object({}),
      result: z.object({ ok: z.boolean(), memories: z.number().int(), problems: z.array(z.string()) }),
    }),
    ...tierOps(Memory),
  },
});

export type Memoryd = typeof MEMORYD;
