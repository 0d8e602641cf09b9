/**
 * Offline rules for the network tool: HTTP GET (and download), DNS lookups, listening ports.
 */
import { join } from 'node:path';
import { capture, has, restore } from '../parse.ts';
import { destination, type Rule } from '../rule.ts';

const netGet: Rule = {
  id: 'network.get',
  examples: [
    'fetch https://example.com',
    'download https://example.com/file.txt',
    'is https://example.com up',
  ],
  score(u) {
    // "ping google.com", "is example.com up?": whether the site answers
    const reach =
      u.hosts.length > 0 &&
      has(u, /\b(?:fetch|curl|download|http get|ping|up|down|reachable|online|responding|alive)\b/);
    if (u.urls.length === 0 && !reach) return 0;
    if (has(u, /\b(?:resolve|dns|lookup|ip address|ip of)\b/)) return 0;
    // "save http://… to x.json": an address saved is a download, not text written
    return u.urls.length > 0 && has(u, /\b(?:save|store|download|wget|curl)\b/) ? 10 : 9;
  },
  build(u, c) {
    const url = u.urls[0] ?? `https://${u.hosts[0]}`;
    if (!URL.canParse(url))
      return { clarify: `'${url}' is not a web address I can fetch; write it like https://example.com/page` };
    const args: Record<string, unknown> = { url };
    if (has(u, /\bhead\b|\bheaders\b/)) args.method = 'HEAD';
    if (has(u, /\b(?:download|save|store)\b/)) {
      const to = capture(u, /\b(?:to|as|into)\s+(_f\d+_|[\w.-]+\.\w+)/);
      const base = new URL(url).pathname.split('/').filter(Boolean).pop() || 'download';
      // "into Downloads", "to the docs folder": a folder it goes into, under its own name
      const dir = to ? undefined : destination(u, '(?:to|into|in)', c);
      const folder = dir && (dir.endsWith('/') || c.isDir(dir)) ? dir.replace(/\/+$/, '') : undefined;
      args.save = to ? restore(u, to) : folder ? join(folder, base) : base;
    }
    return {
      goal: args.save ? `Download ${url}` : `Fetch ${url}`,
      drafts: [{ tool: 'network', action: 'get', args, why: args.save ? 'download' : 'HTTP request' }],
    };
  },
};

const netDns: Rule = {
  id: 'network.dns',
  examples: ['resolve example.com', 'what is the ip address of localhost', 'dns lookup for example.org'],
  score(u) {
    if (
      !has(
        u,
        /\b(?:resolve|dns|nslookup|dig|lookup|look up|ip(?: address)? of|ip for|address of|mx records?)\b/,
      )
    )
      return 0;
    return u.hosts.length > 0 || has(u, /\blocalhost\b/) || u.urls.length > 0 ? 9 : 0;
  },
  build(u) {
    const host = u.hosts[0] ?? (u.urls[0] ? new URL(u.urls[0]).hostname : 'localhost');
    const type = has(u, /\bmx\b/)
      ? 'MX'
      : has(u, /\btxt\b/)
        ? 'TXT'
        : has(u, /\bns records?|name servers?\b/)
          ? 'NS'
          : has(u, /\bipv6|aaaa\b/)
            ? 'AAAA'
            : undefined;
    return {
      goal: `Look up ${host}`,
      drafts: [
        { tool: 'network', action: 'dns', args: { host, ...(type ? { type } : {}) }, why: 'DNS lookup' },
      ],
    };
  },
};

const netPorts: Rule = {
  id: 'network.ports',
  examples: ['which ports are open', 'what is listening on port 8080', 'is port 3000 in use'],
  score: (u) =>
    has(u, /\bports?\b|\blistening\b|\bnetstat\b|\bss -\w+/) &&
    !has(u, /\bexport|import|passport|report|support\b/)
      ? has(u, /\bport \d{1,5}\b/)
        ? 10 // "what is running on port 3000" asks about the port, not every process
        : 9
      : 0,
  build(u) {
    const port = capture(u, /\bport\s+(\d{1,5})\b/);
    return {
      goal: port ? `Check port ${port}` : 'List listening ports',
      drafts: [
        {
          tool: 'network',
          action: 'ports',
          args: port ? { port: Number(port) } : {},
          why: 'listening sockets',
        },
      ],
    };
  },
};

export const networkRules: Rule[] = [netGet, netDns, netPorts];
