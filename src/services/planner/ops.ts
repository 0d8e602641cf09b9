/**
 * The planner's operations, declared once (see ../declare.ts): `os.plan.*`, `aios plan …`,
 * `/v1/plan/…`, the OpenAPI document and the `plan_*` MCP tools are derived from this. Who calls
 * is the connection's identity, never an argument: a run belongs to its submitter (and the
 * owner), and its tool nodes run with the submitter's rights.
 *
 * @example
 * const run = await os.plan.run({ plan: { nodes: [{ id: 'a', kind: 'tool', tool: 'files.list', args: { path: '.' } }] }, wait: true });
 * await os.plan.approve({ id: run.id, node: 'review' });
 * const { checkpoints } = await os.plan.checkpoints({ id: run.id });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { defineService, op } from '../declare.ts';
import { PLAN_LIMITS as L } from './limits.ts';
import { RUN_STATES } from './states.ts';

const Id = z.string().min(1).max(200).describe('The run id (aios plan ls lists them)');
const NodeId = z.string().min(1).max(L.ID_MAX_CHARS);

export const RunView = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  submitter: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  endedAt: z.number().optional(),
  error: z.string().optional(),
  forkedFrom: z.string().optional(),
  forkedAt: z.string().optional(),
  parent: z.string().optional(),
  waiting: z.array(z.object({ node: z.string(), why: z.string() })),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      state: z.string(),
      attempts: z.number().int(),
      checkpoint: z.number().int().optional(),
      error: z.string().optional(),
      run: z.string().optional(),
      args: z.unknown().optional(),
      output: z.unknown().optional(),
    }),
  ),
});

export const PLANNER = defineService({
  name: 'planner',
  noun: 'plan',
  summary: 'Durable plans: graphs of tool, LLM, agent, approval and sub-plan nodes that survive restarts',
  ops: {
    run: op({
      summary:
        'Check a plan (JSON or YAML) and start it with your rights; wait answers when it ends or waits',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        plan: z
          .union([z.string().min(1).max(L.SOURCE_MAX_BYTES), z.record(z.string(), z.unknown())])
          .describe('The plan: its JSON or YAML text, or the object'),
        cwd: z
          .string()
          .min(1)
          .max(4096)
          .optional()
          .describe('Directory relative paths in tool nodes start from'),
        wait: z
          .boolean()
          .optional()
          .describe(`Wait (up to ${L.WAIT_MAX_MS / 1000} s) until it ends or waits for a person`),
      }),
      result: RunView,
      cli: { positional: ['plan'] },
    }),
    choose: op({
      summary:
        'Tree of thoughts: check alternative plans and score each on risk, blast radius, reversibility, cost, time and confidence; best first, with pros and cons (nothing runs)',
      // nothing runs, but plans are documents: they travel in a POST's body, not a query string
      access: 'write',
      risk: RISK.READ_ONLY,
      args: z.object({
        plans: z
          .array(z.union([z.string().min(1).max(L.SOURCE_MAX_BYTES), z.record(z.string(), z.unknown())]))
          .min(1)
          .max(L.CHOOSE_MAX)
          .describe('The alternatives: plans as JSON or YAML text, or objects'),
        cwd: z.string().min(1).max(4096).optional().describe('Directory relative paths start from'),
        confidence: z
          .array(z.number().min(0).max(1))
          .max(L.CHOOSE_MAX)
          .optional()
          .describe("How sure the source is of each plan's reading of the goal (default 1)"),
      }),
      result: z.object({
        best: z.number().int().describe('Index of the best valid plan'),
        ranked: z.array(
          z.object({
            index: z.number().int(),
            name: z.string(),
            score: z.number(),
            valid: z.boolean(),
            risk: z.number().int(),
            blast: z.object({ paths: z.number().int(), bytes: z.number(), reversible: z.boolean() }),
            cost: z.number(),
            timeMs: z.number(),
            confidence: z.number(),
            pros: z.array(z.string()),
            cons: z.array(z.string()),
          }),
        ),
      }),
    }),
    ls: op({
      summary: 'List your plan runs, newest first',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        state: z.array(z.enum(RUN_STATES)).optional(),
        limit: z.number().int().min(1).max(L.LIST_MAX).optional(),
      }),
      result: z.object({
        runs: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            state: z.string(),
            submitter: z.string(),
            nodes: z.number().int(),
            done: z.number().int(),
            waiting: z.string(),
            updatedAt: z.number(),
          }),
        ),
      }),
    }),
    show: op({
      summary: "A run's state, each node's state, inputs and output, and what it waits for",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ id: Id }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
    wait: op({
      summary: 'Wait until a run ends or waits for a person, then show it',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ id: Id, waitMs: z.number().int().min(0).max(L.WAIT_MAX_MS).optional() }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
    approve: op({
      summary: 'Approve a waiting node (args: new arguments for the node it gates) and resume the run',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        id: Id,
        node: NodeId.optional().describe('The waiting node (needed when several wait)'),
        args: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('New arguments for the node the approval gates, merged over its own'),
      }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
    reject: op({
      summary: 'Reject a waiting node: compensations run and the run ends rejected',
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({
        id: Id,
        node: NodeId.optional().describe('The waiting node (needed when several wait)'),
        reason: z.string().max(1000).optional().describe('Why, kept with the run'),
      }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
    cancel: op({
      summary: 'Stop a run: nothing new starts and what is left is cancelled',
      access: 'write',
      risk: RISK.OVERWRITE,
      args: z.object({
        id: Id,
        reason: z.string().max(1000).optional().describe('Why, kept with the run'),
      }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
    checkpoints: op({
      summary: "A run's checkpoints: each committed node, in commit order",
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ id: Id }),
      result: z.object({
        checkpoints: z.array(
          z.object({
            checkpoint: z.number().int(),
            node: z.string(),
            state: z.string(),
            committedAt: z.number(),
            error: z.string().optional(),
          }),
        ),
      }),
      cli: { positional: ['id'] },
    }),
    fork: op({
      summary:
        "Start a new run of the same plan from a node's checkpoint: earlier outputs kept, later nodes run again",
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({ id: Id, from: NodeId.describe('The node whose checkpoint the new run starts from') }),
      result: RunView,
      cli: { positional: ['id'] },
    }),
  },
});

export type PlannerDecl = typeof PLANNER;
