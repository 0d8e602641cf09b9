/**
 * `aios up` prints its ready line before the API's modules and the supervisor have loaded
 * (they load right after it): a request sent the moment the line appears must wait for them
 * and get a full answer, never a refusal or a half-started system.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { send } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aiosUp, testEnv } from './helpers/env.ts';

test('requests sent the moment aios up is ready get full answers', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const url = /api (http:\/\/[^)]+)\)/.exec(up.ready)?.[1];
  assert.ok(url, up.ready);
  const socket = socketPath(env.aiosHome);
  const [agents, supervisor, tcp, rebound] = await Promise.all([
    send(socket, 'GET', '/v1/agents', {}, undefined),
    send(socket, 'GET', '/v1/supervisor', {}, undefined),
    fetch(`${url}/v1/system`),
    foreignHost(url),
  ]);
  assert.equal(agents.status, 200, agents.text);
  const names = (JSON.parse(agents.text) as { name: string }[]).map((a) => a.name);
  assert.ok(names.includes('supervisor'), `the supervisor runs: ${names.join(', ')}`);
  assert.equal(supervisor.status, 200, supervisor.text);
  assert.equal(tcp.status, 401); // the bearer-token listener answers, and wants a token
  assert.equal(rebound, 421, 'a request under a foreign Host name waits for the app and is refused');
  const metrics = await send(socket, 'GET', '/metrics', {}, undefined);
  assert.equal(metrics.status, 200, metrics.text);
  assert.match(metrics.text, /aios_syscalls_total\{name="token_mint",result="ok"\} 1/);
});

/** The status of GET /v1/system on `url` under the Host name of another site (DNS rebinding). */
function foreignHost(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/v1/system', headers: { host: 'evil.example' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
