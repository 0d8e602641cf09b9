/**
 * The HTTP API under load: GET /v1/agents with 1,000 agents alive, through a real `aios up`
 * on loopback, driven by autocannon from this process. Baselines in the same run: the same
 * route with only the system's own agents, GET /v1/system (the smallest authenticated call),
 * and a bare node:http server sending the same 1,000-agent body (the transport's floor).
 */
import { Agent, createServer, request } from 'node:http';
import autocannon from 'autocannon';
import { startAios } from './aios-server.ts';
import { fmt, mdTable, percentile, type Section, verdict } from './lib.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);

interface Row {
  what: string;
  connections: number;
  p50: number;
  p99: number;
  rps: number;
  kb: number;
}

/**
 * Latency at sub-millisecond resolution (autocannon's is whole milliseconds): one keep-alive
 * connection, requests back to back for `seconds`, each timed with hrtime.
 */
async function sequential(url: string, token: string | undefined, seconds: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = process.hrtime.bigint();
    await new Promise<void>((done, fail) => {
      request(url, { agent, headers }, (res) => {
        if (res.statusCode !== 200) fail(new Error(`${url}: HTTP ${res.statusCode}`));
        res.on('data', () => {});
        res.on('end', done);
      })
        .on('error', fail)
        .end();
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  agent.destroy();
  return times;
}

async function load(url: string, token: string | undefined, connections: number, what: string): Promise<Row> {
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${what}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  }
  // at one connection, the latency percentiles come from the hrtime sampler
  const times = connections === 1 ? await sequential(url, token, Math.min(3, DURATION_S)) : undefined;
  return {
    what,
    connections,
    p50: times ? percentile(times, 50) : result.latency.p50,
    p99: times ? percentile(times, 99) : result.latency.p99,
    rps: result.requests.average,
    kb: result.throughput.average / Math.max(1, result.requests.average) / 1024,
  };
}

export default async function (): Promise<Section> {
  const server = await startAios();
  try {
    const token = await server.mint('inspect');
    const agentsUrl = `${server.url}/v1/agents`;
    const rows: Row[] = [];
    rows.push(await load(`${server.url}/v1/system`, token, 1, 'GET /v1/system (baseline)'));
    rows.push(await load(agentsUrl, token, 1, 'GET /v1/agents, system agents only'));
    await server.spawnIdle(1000);
    const body = await (await fetch(agentsUrl, { headers: { authorization: `Bearer ${token}` } })).text();
    const bareBody = body;
    const count = (JSON.parse(body) as unknown[]).length;
    rows.push(await load(agentsUrl, token, 1, `GET /v1/agents, ${count} agents`));
    rows.push(await load(agentsUrl, token, 8, `GET /v1/agents, ${count} agents`));
    const full = `${agentsUrl}?view=full`;
    rows.push(await load(full, token, 1, `GET /v1/agents?view=full, ${count} agents`));

    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bareBody);
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const port = (bare.address() as { port: number }).port;
    rows.push(
      await load(`http://127.0.0.1:${port}/`, undefined, 1, `bare node:http, same ${count}-agent body`),
    );
    await new Promise((r) => bare.close(r));

    const main = rows[2];
    const met = main.p50 <= 2;
    return {
      title: 'HTTP API: listing agents under load',
      body: `${mdTable(
        ['request', 'connections', 'p50 ms', 'p99 ms', 'requests/s', 'KB/response'],
        rows.map((r) => [r.what, r.connections, fmt(r.p50, 2), fmt(r.p99, 2), fmt(r.rps, 0), fmt(r.kb, 1)]),
      )}

| target | measured | verdict |
| --- | --- | --- |
| GET /v1/agents with 1,000 agents, p50 ≤ 2 ms (1 connection) | ${fmt(main.p50, 2)} ms at ${fmt(main.rps, 0)} req/s | ${verdict(met)} |

A real \`aios up\` (bearer token, every request a syscall of its session, the response validated
by its schema) on 127.0.0.1, loaded by autocannon for ${DURATION_S} s per row from another process;
requests/s is autocannon's average. At one connection the latency percentiles come from a
second pass of back-to-back keep-alive requests timed with hrtime (autocannon rounds to whole
milliseconds); at 8 connections they are autocannon's and include queueing. The agents are idle
builtin agents waiting on a channel. GET /v1/agents lists summaries (as Docker's container list
does; ?view=full and GET /v1/agents/:pid give every field). The bare node:http row sends the
same summary bytes without aios: the difference is what the API itself costs.`,
      verdicts: { 'agents-list-p50': met },
    };
  } finally {
    await server.stop();
  }
}
