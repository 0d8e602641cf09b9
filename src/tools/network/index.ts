/**
 * The network tool: HTTP GET (risk 0, or 1 when it saves the body to a file), DNS lookups,
 * and the ports this machine listens on (from /proc/net, with the owning process where it
 * can be seen).
 */
import { promises as dns } from 'node:dns';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { journalOf, mkdirp } from '../files/change.ts';
import { entryOf } from '../files/walk.ts';
import { human } from '../format.ts';
import { action, type ToolDef, ToolError } from '../types.ts';
import { listening, socketOwners } from './sockets.ts';

const GetArgs = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(4096)
      .describe('An http or https URL'),
    save: PathArg.optional().describe('Write the body to this file'),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(256 * 1024 * 1024)
      .default(1024 * 1024),
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  .strict();

const get = action<z.infer<typeof GetArgs>>({
  tool: 'network',
  action: 'get',
  summary: 'Fetch a URL: status, headers, time and body (optionally saved to a file)',
  args: GetArgs,
  risk: 0,
  maxRisk: 2,
  preview: async (a, ctx) => {
    if (!a.save) return { summary: `${a.method} ${a.url}`, paths: [], bytes: 0, target: a.url };
    const file = ctx.paths.resolve(a.save);
    const exists = entryOf(file) !== undefined;
    return {
      summary: `download ${a.url} to ${ctx.paths.display(file)}`,
      paths: [file],
      bytes: 0,
      risk: exists ? 2 : 1,
    };
  },
  run: async (a, ctx) => {
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(a.url, {
        method: a.method,
        redirect: 'follow',
        signal: AbortSignal.timeout(a.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${a.timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new ToolError(`Cannot reach ${a.url}: ${why}`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    const ms = Math.round(performance.now() - started);
    const type = res.headers.get('content-type') ?? '';
    const headers = Object.fromEntries([...res.headers].filter(([k]) => !k.startsWith('set-cookie')));
    const out: Record<string, unknown> = {
      url: res.url || a.url,
      status: res.status,
      ok: res.ok,
      statusText: res.statusText,
      timeMs: ms,
      contentType: type,
      bytes: body.length,
      headers,
    };
    if (a.save) {
      if (body.length > a.maxBytes)
        throw new ToolError(
          `The body is ${human(body.length)}, over the limit of ${human(a.maxBytes)}; raise maxBytes`,
        );
      const file = ctx.paths.resolve(a.save);
      if (entryOf(file)) journalOf(ctx).save(file);
      else mkdirp(dirname(file), ctx);
      const created = !entryOf(file);
      writeFileSync(file, body);
      if (created) journalOf(ctx).created(file, 'file');
      out.path = file;
    } else if (/^text\/|json|xml|javascript|html/.test(type) || type === '') {
      out.body = body.subarray(0, a.maxBytes).toString('utf8');
      out.truncated = body.length > a.maxBytes;
    }
    return out;
  },
});

const DnsArgs = z
  .object({
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/i, 'a host name like example.com'),
    type: z.enum(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'ANY']).default('ANY'),
  })
  .strict();

const lookup = action<z.infer<typeof DnsArgs>>({
  tool: 'network',
  action: 'dns',
  summary: 'Resolve a host name to addresses (and MX, TXT, NS records on request)',
  args: DnsArgs,
  risk: 0,
  preview: async (a) => ({ summary: `look up ${a.host}`, paths: [], bytes: 0 }),
  run: async (a) => {
    try {
      if (a.type === 'ANY' || a.type === 'A' || a.type === 'AAAA') {
        const all = await dns.lookup(a.host, {
          all: true,
          family: a.type === 'A' ? 4 : a.type === 'AAAA' ? 6 : 0,
        });
        return { host: a.host, addresses: all.map((r) => ({ address: r.address, family: r.family })) };
      }
      const records = await dns.resolve(a.host, a.type);
      return { host: a.host, type: a.type, records };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ToolError(`Cannot resolve '${a.host}': ${code === 'ENOTFOUND' ? 'no such host' : code}`);
    }
  },
});

const PortsArgs = z.object({ port: z.number().int().min(1).max(65535).optional() }).strict();

const ports = action<z.infer<typeof PortsArgs>>({
  tool: 'network',
  action: 'ports',
  summary: 'Ports this machine listens on, with the owning process where visible',
  args: PortsArgs,
  risk: 0,
  preview: async (a) => ({
    summary: a.port ? `check port ${a.port}` : 'list listening ports',
    paths: [],
    bytes: 0,
  }),
  run: async (a) => {
    const owners = socketOwners();
    let list = listening().map((l) => ({
      proto: l.proto,
      address: l.address,
      port: l.port,
      pid: owners.get(l.inode)?.pid ?? null,
      process: owners.get(l.inode)?.name ?? null,
    }));
    if (a.port) list = list.filter((l) => l.port === a.port);
    list.sort((x, y) => x.port - y.port || x.proto.localeCompare(y.proto));
    return { ports: list, ...(a.port ? { port: a.port, open: list.length > 0 } : {}) };
  },
});

export const networkTool: ToolDef = {
  name: 'network',
  summary: 'Network: HTTP, DNS, listening ports',
  actions: [get, lookup, ports],
};
