/**
 * /v1/agents: list, inspect, spawn, kill, suspend and resume agents.
 */
import { z } from 'zod';
import type { AgentInfo } from '../../kernel/index.ts';
import { parseRights } from '../../kernel/rights.ts';
import { resolveTree } from '../../services/supervisor/spec.ts';
import { type Summary, SummaryList } from '../agent-list.ts';
import { earlierAgents, type ListedAgent } from '../earlier-agents.ts';
import { ProblemError, problem } from '../problem.ts';
import { type RouteContext, route } from '../route.ts';
import { Agent, AgentListQuery, AgentSummary, Ok, Pid, SpawnRequest, SpawnResponse } from '../schemas.ts';
import { singleChildTree, supervised, supervisorOf } from './supervisor.ts';

const PidParams = z.object({ pid: Pid });
/** Serialised summaries per system, for listings (see agent-list.ts). */
const lists = new WeakMap<object, SummaryList>();
const SummaryArray = z.array(AgentSummary);
const AgentList = z.array(Agent);

function hasKeys(o: Record<string, string>): boolean {
  for (const k in o) if (o[k] !== '') return true;
  return false;
}

/** The fields a listing shows (as Docker's container list against its inspect). */
function summary(a: ListedAgent): Summary {
  const u = a.usage;
  return {
    pid: a.pid,
    parent: a.parent,
    name: a.name,
    runtime: a.runtime,
    state: a.state,
    schedClass: a.schedClass,
    createdAt: Math.round(a.createdAt), // whole ms: shorter, and integers print faster
    usage: {
      memoryBytes: u.memoryBytes,
      cpuMsTotal: Math.round(u.cpuMsTotal),
      syscalls: u.syscalls,
      messagesSent: u.messagesSent,
      llmTokens: u.llmTokens,
      llmCostUsd: u.llmCostUsd,
    },
    exit: a.exit,
    ...(hasKeys(a.labels) ? { labels: a.labels } : {}),
    ...(a.earlierBoot ? { earlierBoot: true as const } : {}),
  };
}

/** Runs `fn` with a handle to agent `pid`, closing the handle afterwards. */
function withAgent<T>(
  ctx: RouteContext<unknown, unknown, unknown>,
  pid: number,
  fn: (handle: number) => T,
): T {
  const handle = ctx.sys<number>('process_handle', { handle: ctx.principal.handle, pid });
  try {
    return fn(handle);
  } finally {
    ctx.sys('handle_close', { handle });
  }
}

/** `aios spawn --restart`: the agent as the only child of a tree of its own. */
function spawnSupervised(ctx: RouteContext<unknown, unknown, unknown>, b: z.infer<typeof SpawnRequest>) {
  return supervised(async () => {
    const sup = supervisorOf(ctx);
    if (b.wait)
      throw new ProblemError(
        problem(400, 'Bad request', 'wait cannot be used with restart', { field: 'wait' }),
      );
    const input = singleChildTree({ ...b, restart: b.restart! });
    const tree = await sup.start(
      resolveTree(input, { hasRuntime: (r) => ctx.system.host.hasRuntime(r as never) }),
    );
    return { pid: tree.children?.[0]?.pid ?? 0, supervisor: tree.id };
  });
}

/**
 * Refuses a session that would stop itself: suspended or killed, it could make no further call,
 * not even the one that resumes it, and the reply would report as failed what took effect.
 */
function notSelf(ctx: RouteContext<unknown, unknown, unknown>, pid: number, verb: string): void {
  if (ctx.principal.owner || pid !== ctx.principal.pid) return;
  throw new ProblemError(
    problem(
      409,
      'Conflict',
      `Agent ${pid} is this token's own session and cannot be ${verb} by it; revoke the token to end the session`,
      { code: 'E_BAD_STATE', field: 'path.pid' },
    ),
  );
}

const LIFECYCLE_CONFLICT = {
  409: 'The agent is not in a state for this (already suspended, not suspended, ended), or it is init, a system service or the caller’s own session',
};

const lifecycle = (verb: 'suspend' | 'resume') =>
  route({
    method: 'post',
    path: `/v1/agents/:pid/${verb}`,
    summary: `${verb === 'suspend' ? 'Suspend' : 'Resume'} an agent`,
    tag: 'agents',
    params: PidParams,
    response: Ok,
    errors: LIFECYCLE_CONFLICT,
    handler: (ctx) => {
      if (verb === 'suspend') notSelf(ctx, ctx.params.pid, 'suspended');
      withAgent(ctx, ctx.params.pid, (handle) => ctx.sys(`process_${verb}`, { handle }));
      return { ok: true as const };
    },
  });

export const agentRoutes = [
  route({
    method: 'get',
    path: '/v1/agents',
    summary:
      "List agents: this boot's and the newest of earlier boots' (summaries; ?view=full for every field)",
    tag: 'agents',
    query: AgentListQuery,
    response: z.union([z.array(AgentSummary), z.array(Agent)]),
    responseFor: (query) => (query.view === 'full' ? AgentList : SummaryArray),
    handler: (ctx) => {
      const current = ctx.sys<AgentInfo[]>('process_list', { handle: ctx.principal.handle });
      const agents: ListedAgent[] = [...earlierAgents(ctx.system), ...current];
      if (ctx.query.view === 'full') return agents;
      let list = lists.get(ctx.system);
      if (!list) {
        list = new SummaryList();
        lists.set(ctx.system, list);
      }
      // Each summary is checked against its schema as it is serialised (SummaryList).
      return new Response(list.json(agents.map(summary)), {
        headers: { 'content-type': 'application/json' },
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/agents/:pid',
    summary: 'One agent',
    tag: 'agents',
    params: PidParams,
    response: Agent,
    handler: (ctx) =>
      withAgent(ctx, ctx.params.pid, (handle) => ctx.sys<AgentInfo>('process_info', { handle })),
  }),
  route({
    method: 'post',
    path: '/v1/agents',
    summary: 'Spawn an agent from a file (optionally wait for its result)',
    tag: 'agents',
    body: SpawnRequest,
    response: SpawnResponse,
    errors: {
      404: 'The agent file does not exist, or a grant names no resource',
      409: 'A supervised agent of that name is already running',
      422: 'The supervised agent could not be started',
      503: 'Supervision (for restart) is not running here',
      504: 'With wait: the agent did not end within timeoutMs',
    },
    handler: async (ctx) => {
      const b = ctx.body;
      if (b.restart !== undefined) return spawnSupervised(ctx, b);
      if (b.critical)
        throw new ProblemError(problem(400, 'Bad request', 'critical needs restart', { field: 'critical' }));
      const grants: Record<string, number> = {};
      for (const [name, rights] of Object.entries(b.grants ?? {})) grants[name] = parseRights(rights ?? '');
      const { pid } = ctx.system.host.spawnFile(
        b.file,
        {
          runtime: b.runtime,
          name: b.name,
          schedClass: b.schedClass,
          weight: b.weight,
          quotas: b.quotas,
          grants,
        },
        ctx.principal,
      );
      ctx.system.persist.flush();
      if (!b.wait) return { pid };
      const exit = await ctx.system.host.exitOf(pid, b.timeoutMs);
      return { pid, exit };
    },
  }),
  route({
    method: 'delete',
    path: '/v1/agents/:pid',
    summary: 'Kill an agent',
    tag: 'agents',
    params: PidParams,
    response: Ok,
    errors: LIFECYCLE_CONFLICT,
    handler: (ctx) => {
      notSelf(ctx, ctx.params.pid, 'killed');
      withAgent(ctx, ctx.params.pid, (handle) => ctx.sys('process_kill', { handle }));
      return { ok: true as const };
    },
  }),
  lifecycle('suspend'),
  lifecycle('resume'),
];
