/**
 * /v1/system, /v1/syscalls, /v1/scheduler: what is running and how the kernel is set up.
 */
import { z } from 'zod';
import { type SystemInfo, syscallTable } from '../../kernel/index.ts';
import { RIGHTS } from '../../kernel/rights.ts';
import { type RouteContext, route } from '../route.ts';

/**
 * Whether the caller may see where the system runs (its home path, the host's pid): what the
 * kernel's detailed `system_info` asks, inspect on the system handle. A narrow token learns the
 * counts but not the file system's layout.
 */
function mayInspect(ctx: RouteContext<unknown, unknown, unknown>): boolean {
  if (ctx.principal.owner) return true;
  if (ctx.principal.scope !== 'system') return false;
  const held = ctx.sys<{ rightsMask: number }>('handle_info', { handle: ctx.principal.handle });
  return (held.rightsMask & RIGHTS.INSPECT) !== 0;
}

export const systemRoutes = [
  route({
    method: 'get',
    path: '/v1/system',
    summary: 'Kernel status',
    tag: 'system',
    response: z.object({
      version: z.string(),
      /** The host process and its home: for the owner and tokens that may inspect the system. */
      pid: z.number().optional(),
      home: z.string().optional(),
      bootMs: z.number(),
      uptimeMs: z.number(),
      agents: z.number(),
      policy: z.string(),
      auditHead: z.number(),
    }),
    handler: (ctx) => {
      const k = ctx.sys<SystemInfo>('system_info', { handle: ctx.principal.handle });
      return {
        version: '0.1.0',
        ...(mayInspect(ctx) ? { pid: process.pid, home: ctx.system.home } : {}),
        bootMs: ctx.system.bootMs,
        uptimeMs: Math.round(process.uptime() * 1000),
        agents: k.agents,
        policy: k.policy,
        auditHead: k.auditHead,
      };
    },
  }),
  route({
    method: 'get',
    path: '/v1/syscalls',
    summary: 'The syscall table',
    tag: 'system',
    response: z.array(
      z.object({
        no: z.number(),
        name: z.string(),
        rights: z.array(z.string()),
        args: z.string(),
        doc: z.string(),
      }),
    ),
    handler: () => syscallTable(),
  }),
  route({
    method: 'get',
    path: '/v1/scheduler',
    summary: 'Scheduled resources: slots, running, waiting, rate tokens',
    tag: 'system',
    response: z.object({
      policy: z.string(),
      decisions: z.number(),
      resources: z.array(
        z.object({
          name: z.string(),
          slots: z.number(),
          running: z.number(),
          waiting: z.number(),
          tokens: z.number().nullable(),
        }),
      ),
    }),
    handler: (ctx) => {
      const s = ctx.sys<SystemInfo>('system_info', { handle: ctx.principal.handle });
      return { policy: s.policy, decisions: s.decisions, resources: s.resources };
    },
  }),
];
