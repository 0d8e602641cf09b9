/**
 * Who minted a token is kept in the store: after a restart, revoking a token still revokes
 * the tokens minted under it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boot } from '../src/boot.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { testEnv } from './helpers/env.ts';
import { core } from './helpers/internals.ts';

test('revoking a token after a restart still revokes the tokens minted under it', async (t) => {
  const env = testEnv(t);
  const first = await boot({ home: env.aiosHome, logLevel: 'warn' });
  const k = first.kernel;
  const parent = k.syscall(1, 'token_mint', {
    handle: first.systemHandle,
    agentId: 0,
    rights: RIGHTS.MINT | RIGHTS.INSPECT,
    scope: 'system',
  }) as { token: string; tokenId: string };
  const session = k.syscall(1, 'process_spawn', {
    handle: first.systemHandle,
    image: { ref: 'session:test', hash: '' },
    runtime: 'external',
  }) as { pid: number };
  core({ kernel: k }).started(session.pid);
  const { handle } = k.syscall(session.pid, 'token_redeem', { token: parent.token }) as { handle: number };
  const child = k.syscall(session.pid, 'token_mint', {
    handle,
    agentId: 0,
    rights: RIGHTS.INSPECT,
    scope: 'system',
  }) as { token: string };
  first.persist.flush();
  await first.shutdown();

  const second = await boot({ home: env.aiosHome, logLevel: 'warn' });
  t.after(() => second.shutdown());
  second.kernel.syscall(1, 'token_revoke', { handle: second.systemHandle, tokenId: parent.tokenId });
  assert.throws(
    () => core(second).tokens.check(child.token, 0, core(second).ports.now()),
    (e: { code?: string }) => e.code === 'E_TOKEN_REVOKED',
  );
});
