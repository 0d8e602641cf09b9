/**
 * /v1/events (server-sent events), /v1/stats and /v1/ipc: what is happening now.
 *
 * The stream sends one SSE event per bus event: `event:` is the topic (lifecycle, sched, ipc,
 * audit, stats), `id:` the bus id (send it back as Last-Event-ID to resume), `data:` JSON with
 * `t` (publish time, ms since the epoch) and the event's fields.
 */
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { KernelError, type SystemInfo } from '../../kernel/index.ts';
import { type BusEvent, TOPICS, type Topic } from '../events.ts';
import { route } from '../route.ts';
import { EventsQuery, IpcStats, StatsSample } from '../schemas.ts';
import { inspectSystem, mayReadAudit, stillValid } from './guard.ts';

type Ctx = Parameters<typeof stillValid>[0];

/** The system in detail, or E_NO_RIGHTS with `message` (the kernel records the refusal). */
function inspectOrRefuse(ctx: Ctx, message: string): SystemInfo {
  try {
    return inspectSystem(ctx, 'This');
  } catch (error) {
    if (error instanceof KernelError) throw new KernelError('E_NO_RIGHTS', message);
    throw error;
  }
}

/** Events a slow client may fall behind by before the oldest are dropped (it gets a `gap`). */
const MAX_QUEUE = 10_000;
const KEEPALIVE_MS = 15_000;
/** How often an idle stream checks that its token still holds (a revoked token ends it). */
const RECHECK_MS = 1000;

export const eventRoutes = [
  route({
    method: 'get',
    path: '/v1/events',
    summary: 'Live events (server-sent events): lifecycle, sched, ipc, audit, stats',
    tag: 'events',
    query: EventsQuery,
    queryToken: true,
    response: z.string().describe('text/event-stream'),
    raw: 'text/event-stream',
    handler: (ctx) => {
      inspectOrRefuse(ctx, 'Following events needs the inspect right on the system');
      const mayAudit = mayReadAudit(ctx);
      const asked = ctx.query.topics?.split(',') as Topic[] | undefined;
      if (asked?.includes('audit') && !mayAudit) {
        throw new KernelError('E_NO_RIGHTS', 'The audit topic needs the audit right');
      }
      const topics = new Set<Topic>(asked ?? TOPICS.filter((t) => t !== 'audit' || mayAudit));
      const header = Number(ctx.c.req.header('last-event-id'));
      const after = ctx.query.after ?? (Number.isSafeInteger(header) && header >= 0 ? header : undefined);
      const bus = ctx.services.bus;
      if (ctx.c.req.method === 'HEAD') {
        return new Response(null, { headers: { 'content-type': 'text/event-stream' } });
      }
      return streamSSE(ctx.c, async (stream) => {
        let queue: BusEvent[] = [];
        let dropped = 0;
        let wake: (() => void) | undefined;
        let open = true;
        const unsubscribe = bus.subscribe(
          topics,
          (events) => {
            queue.push(...events);
            if (queue.length > MAX_QUEUE) {
              dropped += queue.length - MAX_QUEUE;
              queue = queue.slice(-MAX_QUEUE);
            }
            wake?.();
          },
          after,
        );
        stream.onAbort(() => {
          open = false;
          wake?.();
        });
        try {
          await stream.writeSSE({
            event: 'hello',
            data: JSON.stringify({ t: Date.now(), nextId: bus.nextId, topics: [...topics] }),
          });
          let quietSince = Date.now();
          while (open) {
            if (queue.length === 0) {
              let timer: NodeJS.Timeout | undefined;
              await new Promise<void>((resolve) => {
                wake = resolve;
                timer = setTimeout(resolve, RECHECK_MS);
              });
              clearTimeout(timer);
              wake = undefined;
            }
            if (!open || !stillValid(ctx)) break; // gone, or the token was revoked
            if (queue.length === 0) {
              if (Date.now() - quietSince >= KEEPALIVE_MS) {
                await stream.write(': keepalive\n\n');
                quietSince = Date.now();
              }
              continue;
            }
            quietSince = Date.now();
            const batch = queue;
            queue = [];
            if (dropped > 0) {
              await stream.writeSSE({ event: 'gap', data: JSON.stringify({ t: Date.now(), dropped }) });
              dropped = 0;
            }
            // one write per batch: at thousands of events a second, a write each would cost more
            // than the events (the fields are single lines: ids, topic names and JSON)
            let text = '';
            for (const e of batch) {
              text += `event: ${e.topic}\ndata: ${JSON.stringify({ t: e.t, ...e.data })}\nid: ${e.id}\n\n`;
            }
            await stream.write(text);
          }
        } finally {
          unsubscribe();
        }
      });
    },
  }),
  route({
    method: 'get',
    path: '/v1/stats',
    summary: 'The latest resource sample: CPU, memory, agents, IPC rates, scheduler slots',
    tag: 'events',
    response: StatsSample,
    handler: (ctx) => {
      ctx.sys('handle_info', { handle: ctx.principal.handle });
      return ctx.services.bus.latest as z.infer<typeof StatsSample>;
    },
  }),
  route({
    method: 'get',
    path: '/v1/ipc',
    summary: 'IPC statistics: totals, rates and the busiest senders',
    tag: 'events',
    response: IpcStats,
    handler: (ctx) => {
      const info = inspectOrRefuse(ctx, 'IPC statistics need the inspect right on the system');
      const latest = ctx.services.bus.latest;
      return {
        messages: info.messages,
        bytes: info.bytes,
        messagesPerSec: latest.ipc.messagesPerSec,
        bytesPerSec: latest.ipc.bytesPerSec,
        perAgent: info.senders ?? [],
      };
    },
  }),
];
