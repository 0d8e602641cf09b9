/**
 * A fuzzer over every route: random methods, path parameters, queries, headers and bodies
 * (valid JSON of every shape, broken JSON, huge and deeply nested values), as the owner and
 * with bearer tokens good and bad. No input may yield a 5xx, and every error is
 * application/problem+json with a title, status and detail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { ROUTES } from '../src/api/app.ts';
import { bootApi } from './helpers/api.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

const weirdText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1',
    '2',
    '1e309',
    'NaN',
    '9'.repeat(40),
    '../../etc/passwd',
    '%00',
    '__proto__',
  ),
  fc.integer().map(String),
);

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        file: weirdText,
        rights: weirdText,
        scope: weirdText,
        code: weirdText,
        request: weirdText,
        ttlMs: fc.oneof(fc.integer(), fc.double()),
        grants: fc.dictionary(weirdText, weirdText, { maxKeys: 3 }),
        quotas: fc.dictionary(weirdText, fc.double(), { maxKeys: 3 }),
        wait: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 60 }), // not JSON at all
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`), // deeply nested
  fc.constant('{"rights":"inspect"'), // cut off
);

interface Case {
  route: number;
  method: string;
  param: string;
  query: [string, string][];
  body: string | undefined;
  contentType: string;
  auth: number;
}

const cases = fc.record({
  route: fc.nat({ max: ROUTES.length - 1 }),
  method: fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
  ),
  // pids 1-64 are left alone: killing the system's own agents is a legitimate request, and the
  // services it leaves unavailable (503) would be the right answer, not a fuzzing find
  param: weirdText.filter((p) => !/^0*([1-9]|[1-5]\d|6[0-4])$/.test(p.trim())),
  query: fc.array(fc.tuple(fc.constantFrom('after', 'limit', 'topics', 'token', 'x'), weirdText), {
    maxLength: 3,
  }),
  body: fc.option(body, { nil: undefined }),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  auth: fc.nat({ max: 3 }),
});

async function send(app: Hono, c: Case, tokens: string[]): Promise<Response> {
  const def = ROUTES[c.route];
  const method = c.method || def.method.toUpperCase();
  const path = def.path.replace(/:([A-Za-z_]+)/g, () => encodeURIComponent(c.param));
  const query = new URLSearchParams(c.query).toString();
  const headers: Record<string, string> = {};
  if (c.contentType) headers['content-type'] = c.contentType;
  if (c.auth > 0) headers.authorization = `Bearer ${tokens[c.auth - 1]}`;
  const hasBody = c.body !== undefined && method !== 'GET' && method !== 'HEAD';
  return app.request(`${path}${query ? `?${query}` : ''}`, {
    method,
    headers,
    body: hasBody ? c.body : undefined,
  });
}

async function check(res: Response, c: Case): Promise<void> {
  const where = `${c.method || ROUTES[c.route].method} ${ROUTES[c.route].path} param=${JSON.stringify(c.param)}`;
  if (res.status >= 500) assert.fail(`${where} gave ${res.status}: ${await res.text()}`);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream') || type.includes('ndjson')) {
    await res.body?.cancel();
    return;
  }
  if (res.status >= 400 && c.method !== 'HEAD') {
    assert.equal(type, 'application/problem+json', `${where}: ${res.status} is a problem`);
    const p = (await res.json()) as { title?: string; status?: number; detail?: string };
    assert.equal(p.status, res.status);
    assert.ok(p.title && p.detail, `${where}: problem has a title and detail`);
  } else {
    await res.body?.cancel();
  }
}

test('no malformed request to any route yields a 5xx (owner and bearer apps)', async (t) => {
  const api = await bootApi(t);
  const tokens = [api.mint('inspect'), api.mint('all'), `aios1.${'A'.repeat(60)}.${'B'.repeat(60)}`];
  let requests = 0;
  for (const [name, app] of [
    ['owner', api.owner],
    ['tcp', api.tcp],
  ] as const) {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        requests++;
        await check(await send(app, c, tokens), c);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000), seed: name === 'owner' ? 1 : 2 },
    );
  }
  // and every route once more with a large random body
  for (let i = 0; i < ROUTES.length; i++) {
    const c: Case = {
      route: i,
      method: '',
      param: '7',
      query: [],
      body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
      contentType: 'application/json',
      auth: 2,
    };
    const res = await send(api.tcp, c, tokens);
    await check(res, c);
    requests++;
  }
  assert.ok(requests > 6000);
});
