/**
 * /v1/audit: pages of the journal, verification and export.
 */
import { z } from 'zod';
import { exportChunks, verifyStore } from '../../platform/journal.ts';
import { route } from '../route.ts';
import { AuditPageQuery, VerifyReport } from '../schemas.ts';
import { readAudit } from './guard.ts';

export const auditRoutes = [
  route({
    method: 'get',
    path: '/v1/audit',
    summary: 'A page of audit entries after a seq',
    tag: 'audit',
    query: AuditPageQuery,
    response: z.object({ entries: z.array(z.record(z.string(), z.unknown())), head: z.number() }),
    handler: (ctx) => {
      ctx.system.persist.tryFlush(); // a read: on a full disk it shows what is stored
      const head = readAudit(ctx); // after the flush, which seals what was pending
      const lines = ctx.system.store.audit.page(ctx.query.after, ctx.query.limit);
      return { entries: lines.map((l) => JSON.parse(l) as Record<string, unknown>), head: head.seq };
    },
  }),
  route({
    method: 'post',
    path: '/v1/audit/verify',
    summary: 'Sign the open audit block, then verify the whole chain',
    tag: 'audit',
    response: VerifyReport,
    handler: (ctx) => {
      readAudit(ctx);
      // The kernel signs its own copy of the tail: a tail rewritten in the store then fails.
      // A read: on a full disk it shows what is stored.
      ctx.system.persist.tryFlush({ seal: true });
      const { sealHash: _s, keyFingerprint: _k, keyNote: _n, ...report } = verifyStore(ctx.system.store);
      return report;
    },
  }),
  route({
    method: 'get',
    path: '/v1/audit/export',
    summary: 'The whole journal as JSONL with a signed trailer (verify it with aios audit verify FILE)',
    tag: 'audit',
    response: z.string(),
    raw: 'application/x-ndjson',
    handler: (ctx) => {
      readAudit(ctx);
      // The kernel signs its own copy of the tail: a tail rewritten in the store then fails.
      // A read: on a full disk it shows what is stored.
      ctx.system.persist.tryFlush({ seal: true });
      const encoder = new TextEncoder();
      const chunks = exportChunks(ctx.system.store);
      // pulled a chunk at a time; a client that hangs up cancels the stream and ends the export
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        cancel() {
          chunks.return(0);
        },
      });
      return new Response(body, {
        headers: {
          'content-type': 'application/x-ndjson',
          'content-disposition': 'attachment; filename="aios-audit.jsonl"',
        },
      });
    },
  }),
];
