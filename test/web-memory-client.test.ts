/**
 * The Memory panel's client (web/src/memory.ts): who the dashboard's session is, read from its
 * own token, and the one line each failure shows (503 while memoryd starts, no memory routes,
 * aios not reachable). The 403 line is checked in the browser (test/e2e-dashboard-memory.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../web/src/api.ts';
import { explain, isStarting, session } from '../web/src/memory.ts';

const claims = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');

test("the session's agent and namespace come from the token's claims", () => {
  const tokenId = 'cb045ecf006c1907b537b4599d85b91c';
  assert.deepEqual(session(`aios1.${claims({ v: 1, tokenId, agentId: 0 })}.c2ln`), {
    agent: `token/${tokenId}`,
    namespace: `agent/token/${tokenId}`,
  });
  for (const text of [
    '',
    'not-a-token',
    'aios1.',
    `aios1.${claims({ tokenId: '../owner' })}.x`,
    'aios1.%%%.x',
  ]) {
    assert.equal(session(text), undefined, `'${text}' names no session`);
  }
});

test('each failure is one line saying what to do', () => {
  const starting = new ApiError(503, 'memoryd is not running now', undefined, 'E_UNAVAILABLE');
  assert.match(explain(starting, 'owner'), /^memoryd is starting; it answers in a few seconds/);
  assert.ok(isStarting(starting));
  assert.equal(isStarting(new ApiError(500, 'x')), false);
  assert.equal(
    explain(new ApiError(404, 'No route GET /v1/memory/namespaces'), undefined),
    'This aios serves no memory routes; update aios and start it again with aios up',
  );
  assert.equal(
    explain(
      new ApiError(404, "No memory 7 in namespace 'owner'; see memory search", undefined, 'E_NOT_FOUND'),
      'owner',
    ),
    "No memory 7 in namespace 'owner'; see memory search",
  );
  assert.equal(
    explain(new TypeError('Failed to fetch'), undefined),
    'Could not reach aios (Failed to fetch); check that aios up is still running',
  );
});
