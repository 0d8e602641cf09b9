/**
 * The teams service's operations, declared once (see ../declare.ts): `os.services.client('teams')`,
 * `aios team …`, `/v1/team/…`, the OpenAPI document and the `team_*` MCP tools are derived from
 * this. A team belongs to whoever started it (and the owner); its executor writes with no more
 * than the rights given here, capped by the caller's own.
 *
 * @example
 * const team = await teams.run({ goal: 'archive the logs older than a week in ~/logs', rights: 'create', wait: true });
 * const { entries, next } = await teams.watch({ id: team.id, after: 0, waitMs: 10_000 });
 */
import { z } from 'zod';
import { RISK } from '../../kernel/risk.ts';
import { defineService, op } from '../declare.ts';
import { TEAM_LIMITS as L } from './limits.ts';

const Id = z.string().min(1).max(64).describe('The team id (aios team ls lists them)');

export const ROLES = ['researcher', 'planner', 'executor', 'validator'] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_STATES = ['running', 'passed', 'failed'] as const;
export type TeamState = (typeof TEAM_STATES)[number];

export const Entry = z.object({
  seq: z.number().int(),
  at: z.number(),
  from: z.string(),
  to: z.string(),
  kind: z.string(),
  text: z.string(),
  data: z.unknown().optional(),
});
export type Entry = z.infer<typeof Entry>;

export const TeamView = z.object({
  id: z.string(),
  goal: z.string(),
  state: z.enum(TEAM_STATES),
  submitter: z.string(),
  rights: z.string(),
  llm: z.boolean(),
  rounds: z.number().int(),
  verdict: z.string().optional(),
  error: z.string().optional(),
  createdAt: z.number(),
  endedAt: z.number().optional(),
  roles: z.array(z.object({ role: z.string(), name: z.string(), pid: z.number().int(), rights: z.string() })),
  entries: z.array(Entry),
});
export type TeamView = z.infer<typeof TeamView>;

export const TEAMS = defineService({
  name: 'teams',
  noun: 'team',
  summary: 'Multi-agent teams: a researcher, planner, executor and validator working on one goal',
  ops: {
    run: op({
      summary: 'Start a team on a goal; its executor writes with at most the rights given (default create)',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        goal: z.string().max(L.GOAL_MAX_CHARS).describe('What the team should achieve, in words'),
        rights: z
          .string()
          .max(200)
          .optional()
          .describe('What the executor may do: read, create (creates and moves), overwrite or delete'),
        roles: z
          .record(z.string(), z.string().min(1).max(4096))
          .optional()
          .describe(
            'Owner only: your own agent file for a role (researcher=FILE), run with that role’s rights',
          ),
        stepTimeoutMs: z
          .number()
          .int()
          .min(L.STEP_TIMEOUT_MIN_MS)
          .max(L.STEP_TIMEOUT_MAX_MS)
          .optional()
          .describe('How long to wait for one role’s step before the team fails'),
        wait: z
          .boolean()
          .optional()
          .describe(`Wait (up to ${L.WAIT_MAX_MS / 1000} s) until the team ends`),
      }),
      result: TeamView,
      cli: { positional: ['goal'] },
    }),
    ls: op({
      summary: 'List your teams, newest first',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ limit: z.number().int().min(1).max(L.LIST_MAX).optional() }),
      result: z.object({
        teams: z.array(
          z.object({
            id: z.string(),
            state: z.string(),
            goal: z.string(),
            verdict: z.string(),
            submitter: z.string(),
            createdAt: z.number(),
          }),
        ),
      }),
    }),
    show: op({
      summary: 'A team: its roles, rights, verdict and the whole transcript of who said what to whom',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ id: Id }),
      result: TeamView,
      cli: { positional: ['id'] },
    }),
    watch: op({
      summary: 'The transcript entries after a cursor, waiting for new ones while the team runs',
      access: 'read',
      risk: RISK.READ_ONLY,
      waits: true,
      args: z.object({
        id: Id,
        after: z.number().int().min(0).optional(),
        waitMs: z.number().int().min(0).max(L.WAIT_MAX_MS).optional(),
      }),
      result: z.object({
        state: z.enum(TEAM_STATES),
        entries: z.array(Entry),
        next: z.number().int(),
        verdict: z.string().optional(),
        error: z.string().optional(),
      }),
      cli: { positional: ['id'] },
    }),
  },
});

export type TeamsDecl = typeof TEAMS;
