/**
 * GET /v1/system tells where the system runs (the home path, the host's pid) only to callers
 * that may inspect the system: a narrow token learns the counts, not the file system's layout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootApi, type TestApi } from '../helpers/api.ts';

describe('GET /v1/system and the layout of the host', () => {
  let api: TestApi;
  before(async () => {
    api = await bootApi({ after: (fn) => after(fn) });
  });

  async function system(token: string): Promise<Record<string, unknown>> {
    const res = await api.tcp.request('/v1/system', { headers: api.bearer(token) });
    assert.equal(res.status, 200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('gives a token without inspect the counts but not the home path or pid', async () => {
    const body = await system(api.mint('read'));
    assert.equal(typeof body.agents, 'number');
    assert.equal(body.home, undefined);
    assert.equal(body.pid, undefined);
    assert.ok(!JSON.stringify(body).includes(api.env.dir), 'no path under the test home leaks');
  });

  it('gives a token that may inspect the system, and the owner, the home and pid', async () => {
    const inspector = await system(api.mint('inspect'));
    assert.equal(inspector.pid, process.pid);
    assert.equal(typeof inspector.home, 'string');
    const owner = (await (await api.owner.request('/v1/system')).json()) as Record<string, unknown>;
    assert.equal(owner.home, inspector.home);
  });
});
