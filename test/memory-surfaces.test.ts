/**
 * memoryd through every surface derived from its declaration, against a real `aios up`: the CLI
 * (`aios memory …`), the HTTP API with a bearer token, and MCP's tools over streamable HTTP.
 * A memory put in plain words is found by a paraphrase sharing almost none of them (the offline
 * sentence encoder, in memoryd's worker). Bad input gets one line and exit 2, or a 4xx naming
 * the field; a token reaches only its own namespace and risky operations only with their rights.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const FACT = 'Dana handles the annual audit';
const QUESTION = 'who looks after the yearly audit';
/** The first request loads the sentence encoder in memoryd's worker: seconds on a busy machine. */
const SLOW = { timeoutMs: 120_000 };

type Hit = { id: number; text: string; namespace: string };

test('aios memory: put in plain words, found by a paraphrase; --json is the result; mistakes exit 2', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const put = await aios(env, ['memory', 'put', FACT], SLOW);
  assert.equal(put.code, 0, put.stderr);
  assert.match(put.stdout, /^id: \d+$/m);
  assert.match(put.stdout, new RegExp(`^text: ${FACT}$`, 'm'));
  await aios(env, ['memory', 'put', 'The office plants are watered on Fridays'], SLOW);
  const found = await aios(env, ['memory', 'search', QUESTION, '--json'], SLOW);
  assert.equal(found.code, 0, found.stderr);
  const { hits } = JSON.parse(found.stdout) as { hits: Hit[] };
  assert.equal(hits[0].text, FACT);
  assert.equal(hits[0].namespace, 'owner');
  const table = await aios(env, ['memory', 'search', QUESTION, '--limit', '1']);
  assert.match(table.stdout.split('\n')[0], /^ID +NAMESPACE +KIND/);
  assert.equal(table.stdout.trim().split('\n').length, 2, table.stdout);

  const mistakes: [string[], RegExp][] = [
    [['memory', 'serch', 'x'], /^aios memory: unknown operation 'serch'; memory takes search, /],
    [['memory', 'search'], /^aios memory: missing <query> \(see 'aios memory search --help'\)$/],
    [['memory', 'search', 'x', '--limit', 'abc'], /^aios memory: --limit must be a number, not 'abc'/],
    [['memory', 'get', 'seven'], /^aios memory: <id> must be a number, not 'seven'/],
    [['memory', 'put', 'x', '--kind', 'diary'], /^aios memory: --kind must be one of core, archival, recall/],
  ];
  for (const [args, message] of mistakes) {
    const r = await aios(env, args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.trim(), message);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack');
  }
  const missing = await aios(env, ['memory', 'get', '999999']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr.trim(), /^aios memory: No memory 999999 in namespace 'owner'/);
  const help = await aios(env, ['memory', 'search', '--help']);
  assert.match(help.stdout, /aios memory search <query> \[--namespace TEXT\] \[--limit N\]/);
});

test('the same memory over HTTP with a token and through MCP, each as its own caller', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const mint = async (rights: string) => {
    const r = await aios(env, ['token', 'mint', '--rights', rights]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  };
  const writer = await mint('inspect,use,read,write');
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const put = await call(writer, 'POST', '/v1/memory/put', { text: FACT });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const ns = put.body.namespace as string;
  assert.notEqual(ns, 'owner', "a token's session writes its own namespace");
  const query = new URLSearchParams({ query: QUESTION, limit: '3' });
  const found = await call(writer, 'GET', `/v1/memory/search?${query}`);
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal((found.body.hits as Hit[])[0].text, FACT);

  const badLimit = await call(writer, 'GET', `/v1/memory/search?query=x&limit=abc`);
  assert.equal(badLimit.status, 400);
  assert.equal(badLimit.body.field, 'query.limit');
  const noText = await call(writer, 'POST', '/v1/memory/put', {});
  assert.equal(noText.status, 400);
  assert.equal(noText.body.field, 'body.text');
  const big = await call(writer, 'POST', '/v1/memory/put', { text: 'audit '.repeat(4000) });
  assert.equal(big.status, 413, 'a memory over the size limit is refused as too big');
  assert.equal(big.body.code, 'E_TOO_BIG');
  const huge = await call(writer, 'POST', '/v1/memory/put', { text: 'x'.repeat(10 * 1024 * 1024) });
  assert.equal(huge.status, 413, 'a 10 MB memory never reaches the service');
  const notFound = await call(writer, 'GET', '/v1/memory/get?id=999999');
  assert.equal(notFound.status, 404);
  const others = await call(writer, 'GET', `/v1/memory/search?query=audit&namespace=owner`);
  assert.equal(others.status, 403, "the owner's namespace is not the token's");
  assert.equal(others.body.code, 'E_NO_RIGHTS');
  const forget = await call(writer, 'POST', '/v1/memory/forget', { ids: [put.body.id] });
  assert.equal(forget.status, 403, 'a delete needs a token with the destroy right');
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/v1/memory/search'] && doc.paths['/v1/memory/put']);

  const client = new Client({ name: 'aios-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${writer}` } },
    }),
  );
  t.after(() => client.close());
  const { tools } = await client.listTools();
  const search = tools.find((x) => x.name === 'memory_search');
  assert.equal(search?.description, 'Search memories by words and by meaning');
  const viaMcp = (await client.callTool({ name: 'memory_search', arguments: { query: QUESTION } })) as {
    isError?: boolean;
    content: { text: string }[];
  };
  assert.ok(!viaMcp.isError, viaMcp.content[0]?.text);
  assert.equal((JSON.parse(viaMcp.content[0].text) as { hits: Hit[] }).hits[0].text, FACT);
  const refused = (await client.callTool({
    name: 'memory_search',
    arguments: { query: 'audit', namespace: 'owner' },
  })) as { isError?: boolean; content: { text: string }[] };
  assert.equal(refused.isError, true);
  assert.match(refused.content[0].text, /^E_NO_RIGHTS: /);
});
