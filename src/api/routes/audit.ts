/**
 * /v1/audit: pages of the journal, verification and export.
 */
import { z } from 'zod';
import { KernelError } from '../../kernel/errors.ts';
import { RIGHTS } from '../../kernel/rights.ts';
import { verifyStore } from '../../platform/journal.ts';
import { type RouteContext, route } from '../route.ts';
import { AuditPageQuery, VerifyReport } from '../schemas.ts';

/** Reading the audit needs the audit right on the system handle. */
function requireAudit(ctx: RouteContext<unknown, unknown, unknown>): void {
  const agent = ctx.system.kernel.processes.required(ctx.principal.pid);
  const h = ctx.system.kernel.handles.lookup(agent.table, ctx.principal.handle, 'resource', RIGHTS.AUDIT);
  if (h.object !== ctx.system.kernel.system)
    throw new KernelError('E_BAD_HANDLE', 'Reading the audit needs the system handle');
}

export const auditRoutes = [
  route({
    method: 'get',
    path: '/v1/audit',
    summary: 'A page of audit entries after a seq',
    tag: 'audit',
    query: AuditPageQuery,
    response: z.object({ entries: z.array(z.record(z.string(), z.unknown())), head: z.number() }),
    handler: (ctx) => {
      requireAudit(ctx);
      ctx.system.persist.flush();
      const lines = ctx.system.store.audit.page(ctx.query.after, ctx.query.limit);
      return {
        entries: lines.map((l) => JSON.parse(l) as Record<string, unknown>),
        head: ctx.system.kernel.audit.head.seq,
      };
    },
  }),
  route({
    method: 'post',
    path: '/v1/audit/verify',
    summary: 'Verify the whole audit chain',
    tag: 'audit',
    response: VerifyReport,
    handler: (ctx) => {
      requireAudit(ctx);
      ctx.system.persist.flush();
      const {
        checkpointHash: _c,
        keyFingerprint: _k,
        keyNote: _n,
        ...report
      } = verifyStore(ctx.system.store);
      return report;
    },
  }),
];
