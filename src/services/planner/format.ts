/**
 * The plan document: what a person or an agent writes (JSON or YAML) and the planner stores.
 * A plan is a list of nodes; each names its kind and what it needs, and may reference earlier
 * nodes' outputs (`{ "$from": "fetch.output.body" }`), which makes those nodes its inputs.
 * Parsing checks each node's own shape and names the node in the one line it gives; the graph
 * as a whole (cycles, references, tools) is checked by validate.ts.
 *
 * @example
 * const plan = parsePlan(`
 * nodes:
 *   - { id: list, kind: tool, tool: files.list, args: { path: /tmp } }
 *   - { id: note, kind: tool, tool: files.append, args: { path: /tmp/n.txt, content: { $from: list.output.count } } }
 * `);
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PlanError } from './errors.ts';
import { PLAN_LIMITS as L } from './limits.ts';

export const NODE_KINDS = ['tool', 'llm', 'agent', 'approval', 'plan'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** A condition on a node or an edge: tests one referenced value, or combines conditions. */
export type Condition =
  | {
      from: string;
      equals?: unknown;
      notEquals?: unknown;
      in?: unknown[];
      gt?: number;
      lt?: number;
      exists?: boolean;
    }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

const Ref = z.string().min(1).max(256);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        from: Ref,
        equals: z.unknown().optional(),
        notEquals: z.unknown().optional(),
        in: z.array(z.unknown()).optional(),
        gt: z.number().optional(),
        lt: z.number().optional(),
        exists: z.boolean().optional(),
      })
      .strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
  ]),
);

const Id = z
  .string()
  .min(1)
  .max(L.ID_MAX_CHARS)
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a letter or _ followed by letters, digits, _ or -');

const Edge = z.union([Id, z.object({ node: Id, when: ConditionSchema }).strict()]);

/** A tool action as `tool.action` (files.append) with its arguments. */
const ToolCall = {
  tool: z.string().regex(/^[a-z][\w-]*\.[a-z][\w-]*$/, "must be 'tool.action', e.g. 'files.append'"),
  args: z.record(z.string(), z.unknown()).default({}),
};

const Common = {
  id: Id,
  after: z.array(Edge).max(L.NODES_MAX).default([]),
  when: ConditionSchema.optional(),
  foreach: z
    .object({ items: z.unknown(), max: z.number().int().min(1).max(L.FOREACH_MAX) })
    .strict()
    .optional(),
  repeat: z
    .object({ until: ConditionSchema, max: z.number().int().min(1).max(L.REPEAT_MAX) })
    .strict()
    .optional(),
  retries: z.number().int().min(0).max(L.RETRIES_MAX).default(0),
  backoffMs: z.number().int().min(0).max(L.BACKOFF_MAX_MS).default(L.BACKOFF_DEFAULT_MS),
  timeoutMs: z.number().int().min(1).max(L.TIMEOUT_MAX_MS).default(L.TIMEOUT_DEFAULT_MS),
  compensate: z.object(ToolCall).strict().optional(),
};

const NodeSchemas = {
  tool: z.object({ ...Common, kind: z.literal('tool'), ...ToolCall }).strict(),
  llm: z
    .object({
      ...Common,
      kind: z.literal('llm'),
      args: z
        .object({ prompt: z.unknown(), system: z.unknown().optional(), maxTokens: z.unknown().optional() })
        .strict(),
    })
    .strict(),
  agent: z
    .object({
      ...Common,
      kind: z.literal('agent'),
      args: z.object({ intent: z.unknown(), payload: z.unknown().optional() }).strict(),
    })
    .strict(),
  approval: z
    .object({
      ...Common,
      kind: z.literal('approval'),
      prompt: z.string().min(1).max(4096),
      /** The node whose arguments an approver may edit (`aios plan approve ID --args JSON`). */
      target: Id.optional(),
      args: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
  plan: z.object({ ...Common, kind: z.literal('plan'), plan: z.unknown() }).strict(),
} as const;

export type ToolNode = z.output<typeof NodeSchemas.tool>;
export type LlmNode = z.output<typeof NodeSchemas.llm>;
export type AgentNode = z.output<typeof NodeSchemas.agent>;
export type ApprovalNode = z.output<typeof NodeSchemas.approval>;
export type SubPlanNode = Omit<z.output<typeof NodeSchemas.plan>, 'plan'> & { plan: Plan };
export type PlanNode = ToolNode | LlmNode | AgentNode | ApprovalNode | SubPlanNode;
export type Edge = z.output<typeof Edge>;

export interface Plan {
  name: string;
  parallel: number;
  /** Directories its tool nodes (and its sub-plans') may touch, narrower than the submitter's. */
  roots?: string[];
  nodes: PlanNode[];
}

const Top = z
  .object({
    name: z.string().min(1).max(128).default('plan'),
    parallel: z.number().int().min(1).max(L.PARALLEL_MAX).default(L.PARALLEL_DEFAULT),
    roots: z
      .array(
        z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => p.startsWith('/'), 'must be absolute paths'),
      )
      .min(1)
      .max(L.ROOTS_MAX)
      .optional(),
    nodes: z.array(z.record(z.string(), z.unknown())).min(1).max(L.NODES_MAX),
  })
  .strict();

/** Reads a plan from its text (JSON or YAML) or from a value already parsed. Throws PlanError (E_BAD_ARG). */
export function parsePlan(source: string | unknown, depth = 0): Plan {
  let value = source;
  if (typeof source === 'string') {
    if (Buffer.byteLength(source) > L.SOURCE_MAX_BYTES)
      throw bad(
        `The plan is over ${L.SOURCE_MAX_BYTES} bytes; split it into sub-plans or keep data in files`,
      );
    try {
      value = parseYaml(source, { maxAliasCount: 100 }); // YAML 1.2 reads JSON as well
    } catch (error) {
      const first = String((error as Error).message).split('\n')[0];
      throw bad(`The plan is neither JSON nor YAML: ${first}; check its syntax`);
    }
  }
  const top = Top.safeParse(value);
  if (!top.success) {
    const issue = top.error.issues[0];
    const field = issue.path.join('.') || 'plan';
    throw bad(
      `The plan's '${field}' ${lower(issue.message)}; a plan is { name?, parallel?, roots?, nodes: [...] }`,
    );
  }
  const nodes = top.data.nodes.map((raw, i) => parseNode(raw, i, depth));
  return {
    name: top.data.name,
    parallel: top.data.parallel,
    ...(top.data.roots ? { roots: top.data.roots } : {}),
    nodes,
  };
}

function parseNode(raw: Record<string, unknown>, index: number, depth: number): PlanNode {
  const label = typeof raw.id === 'string' && raw.id !== '' ? `Node '${raw.id}'` : `Node ${index + 1}`;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) {
    throw bad(
      `${label} has ${kind === undefined ? 'no kind' : `the unknown kind '${String(kind)}'`}; use one of ${NODE_KINDS.join(', ')}`,
    );
  }
  const parsed = NodeSchemas[kind as NodeKind].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'node';
    const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw bad(
      `${label}: '${field}' ${lower(issue.message)}${unknownKeys}; see docs/planner.md for a ${kind} node`,
    );
  }
  if (parsed.data.kind !== 'plan') return parsed.data;
  if (depth + 1 >= L.DEPTH_MAX)
    throw bad(`${label} nests sub-plans deeper than ${L.DEPTH_MAX}; flatten the plan`);
  let inner: Plan;
  try {
    inner = parsePlan(parsed.data.plan, depth + 1);
  } catch (error) {
    if (error instanceof PlanError) throw bad(`In sub-plan ${label}: ${error.message}`);
    throw error;
  }
  return { ...parsed.data, plan: inner };
}

function lower(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function bad(message: string): PlanError {
  return new PlanError('E_BAD_ARG', message);
}
