/**
 * Alternatives from a configured model over HTTP and MCP, against a real `aios up` and a local
 * OpenAI-compatible server: the API answer says who proposed each way and lists the dropped ones
 * with why; a token runs only the ways its rights allow (a model's delete is refused to a token
 * without the destroy right, nothing deleted); over MCP, atlas_alternatives and atlas_choose
 * record the choice and its source in the history.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { type LlmServer, startLlmServer } from './helpers/llm-server.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
  server.fallback = (r) =>
    JSON.stringify(r.body).includes('You propose different ways')
      ? {
          kind: 'text',
          text: JSON.stringify({
            plans: [
              {
                label: 'pack the logs',
                rationale: 'keeps them in one file',
                steps: [
                  { tool: 'files', action: 'archive', args: { paths: ['a.log', 'b.log'], to: 'logs.zip' } },
                ],
              },
              {
                label: 'outside',
                steps: [{ tool: 'files', action: 'delete', args: { paths: ['/etc/hosts'] } }],
              },
            ],
          }),
        }
      : {
          kind: 'tools',
          text: 'Delete the logs.',
          calls: [{ name: 'files_delete', args: { paths: ['a.log', 'b.log'] } }],
        };
});
after(() => server.close());

interface Alt {
  id: string;
  label: string;
  source: string;
  valid: boolean;
  planned: { steps: { action: string }[] };
}

test('the API and MCP say who proposed each way, drop the invalid, and keep the caller to its rights', async (t) => {
  const env = testEnv(t);
  env.env = {
    ...env.env,
    AIOS_LLM_BASE_URL: `${server.url}/v1`,
    AIOS_LLM_MODEL: 'local-model',
    AIOS_LLM_TIMEOUT_MS: '120000',
  };
  const cwd = join(env.home, 'work');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'a.log'), 'a\n');
  writeFileSync(join(cwd, 'b.log'), 'b\n');
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^ )]+)/.exec(up.ready)![1];
  const token = (await aios(env, ['token', 'mint', '--rights', 'inspect,use,read,write'])).stdout.trim();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { code?: string } };
  };

  const plan = await call('POST', '/v1/do', { request: 'delete all log files', cwd });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  const alts = await call('POST', `/v1/do/${plan.body.id}/alternatives`, { k: 3 });
  assert.equal(alts.status, 200, JSON.stringify(alts.body));
  const options = alts.body.options as Alt[];
  assert.equal(alts.body.model, 'local-model');
  assert.ok(options.some((o) => o.label === 'pack the logs' && o.source === 'model'));
  assert.ok(options.some((o) => o.source === 'offline'));
  const dropped = alts.body.dropped as { label: string; source: string; reason: string }[];
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0].source, 'model');
  assert.match(dropped[0].reason, /outside the allowed roots/);

  // the plan as asked deletes (risk 3): this token holds no destroy right, so it is refused
  const asked = options.find((o) => o.label === 'as asked')!;
  const refused = await call('POST', `/v1/do/${asked.id}/execute`, { confirmed: true });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.equal(refused.body.code, 'E_NO_RIGHTS');
  assert.ok(existsSync(join(cwd, 'a.log')) && existsSync(join(cwd, 'b.log')), 'nothing was deleted');

  const client = new Client({ name: 'alternatives-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  t.after(() => client.close());
  const text = (r: unknown) => (r as { content: { text: string }[] }).content[0].text;
  const planned = JSON.parse(
    text(await client.callTool({ name: 'atlas_plan', arguments: { request: 'delete all log files', cwd } })),
  );
  const viaMcp = JSON.parse(
    text(await client.callTool({ name: 'atlas_alternatives', arguments: { id: planned.id, k: 3 } })),
  );
  const pack = (viaMcp.options as Alt[]).find((o) => o.label === 'pack the logs')!;
  assert.equal(pack.source, 'model');
  assert.equal(viaMcp.dropped[0].source, 'model');
  const chose = JSON.parse(
    text(
      await client.callTool({
        name: 'atlas_choose',
        arguments: { id: pack.id, of: (viaMcp.options as Alt[]).map((o) => o.id), by: 'person' },
      }),
    ),
  );
  assert.equal(chose.ok, true);
  const history = JSON.parse(text(await client.callTool({ name: 'atlas_history', arguments: {} })));
  const entry = history.find((h: { id: string }) => h.id === pack.id);
  assert.deepEqual(entry.choice, {
    of: (viaMcp.options as Alt[]).map((o) => o.id),
    by: 'person',
    label: 'pack the logs',
    source: 'model',
  });
});
