import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { createKeyPair, createNodePorts } from '../platform/ports.ts';
import { base64urlDecode, base64urlEncode, fromUtf8, utf8 } from './encoding.ts';
import { RIGHTS } from './rights.ts';

function mint(t: ReturnType<typeof testKernel>, extra: Record<string, unknown> = {}) {
  return t.sys<{ token: string; tokenId: string }>(1, 'token_mint', {
    handle: t.systemHandle,
    agentId: 0,
    rights: RIGHTS.INSPECT,
    scope: 'system',
    ttlMs: 60_000,
    ...extra,
  });
}

test('a minted token redeems for a handle with exactly its rights', () => {
  const t = testKernel();
  const a = t.spawn();
  const { token } = mint(t);
  const r = t.sys<{ handle: number; rights: string[] }>(a.pid, 'token_redeem', { token });
  assert.deepEqual(r.rights, ['inspect']);
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'process_list', { handle: r.handle })),
    'OK',
  );
  assert.equal(
    t.codeOf(() =>
      t.sys(a.pid, 'process_spawn', { handle: r.handle, image: { ref: 'x', hash: '' }, runtime: 'builtin' }),
    ),
    'E_NO_RIGHTS',
  );
});

test('expired, revoked, forged and tampered tokens are refused with distinct errors', () => {
  const t = testKernel();
  const a = t.spawn();
  const expiring = mint(t, { ttlMs: 10 }).token;
  t.ports.advance(11);
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token: expiring })),
    'E_TOKEN_EXPIRED',
  );

  const revoked = mint(t);
  t.sys(1, 'token_revoke', { handle: t.systemHandle, tokenId: revoked.tokenId });
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token: revoked.token })),
    'E_TOKEN_REVOKED',
  );

  // Forged: well-formed, signed with someone else's ML-DSA key.
  const forger = createNodePorts(createKeyPair());
  const claims = JSON.stringify({
    v: 1,
    tokenId: 'ab'.repeat(16),
    agentId: 0,
    rights: 0xffff,
    scope: 'system',
    issuedAt: 0,
    expiresAt: 9e15,
  });
  const forged = `aios1.${base64urlEncode(utf8(claims))}.${base64urlEncode(forger.sign(utf8(claims)))}`;
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token: forged })),
    'E_TOKEN_FORGED',
  );

  // Tampered: a real token whose rights were widened after signing.
  const real = mint(t).token;
  const [, payload, sig] = real.split('.');
  const widened = JSON.parse(fromUtf8(base64urlDecode(payload)!));
  widened.rights = 0xffff;
  const tampered = `aios1.${base64urlEncode(utf8(JSON.stringify(widened)))}.${sig}`;
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token: tampered })),
    'E_TOKEN_TAMPERED',
  );

  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token: 'not a token' })),
    'E_BAD_ARG',
  );
  const denials = t
    .audit()
    .filter((e) => e.what === 'token_redeem' && !e.ok)
    .map((e) => e.code);
  assert.deepEqual(denials, [
    'E_TOKEN_EXPIRED',
    'E_TOKEN_REVOKED',
    'E_TOKEN_FORGED',
    'E_TOKEN_TAMPERED',
    'E_BAD_ARG',
  ]);
});

test('a token issued to one agent cannot be redeemed by another', () => {
  const t = testKernel();
  const a = t.spawn();
  const b = t.spawn();
  const { token } = mint(t, { agentId: a.pid });
  assert.equal(
    t.codeOf(() => t.sys(b.pid, 'token_redeem', { token })),
    'E_NO_RIGHTS',
  );
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'token_redeem', { token })),
    'OK',
  );
});

test('revoking a token revokes the handles already redeemed from it', () => {
  const t = testKernel();
  const a = t.spawn();
  const { token, tokenId } = mint(t);
  const { handle } = t.sys<{ handle: number }>(a.pid, 'token_redeem', { token });
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'process_list', { handle })),
    'OK',
  );
  t.sys(1, 'token_revoke', { handle: t.systemHandle, tokenId });
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'process_list', { handle })),
    'E_REVOKED',
  );
});

test('a token cannot grant rights its minter lacks, nor name a bad scope', () => {
  const t = testKernel();
  const a = t.spawn();
  const { token } = mint(t, { rights: RIGHTS.INSPECT | RIGHTS.MINT });
  const { handle } = t.sys<{ handle: number }>(a.pid, 'token_redeem', { token });
  assert.equal(
    t.codeOf(() =>
      t.sys(a.pid, 'token_mint', { handle, agentId: 0, rights: RIGHTS.MANAGE, scope: 'system' }),
    ),
    'E_NO_RIGHTS',
  );
  assert.equal(
    t.codeOf(() => mint(t, { scope: 'everything' })),
    'E_BAD_ARG',
  );
  assert.equal(
    t.codeOf(() => mint(t, { scope: 'agent:999' })),
    'E_NOT_FOUND',
  );
});

test('what a token gave stops at its expiry, handles derived from it too, and the tick revokes them', () => {
  const t = testKernel();
  const a = t.spawn();
  const { token } = mint(t, { rights: RIGHTS.INSPECT | RIGHTS.DUPLICATE, ttlMs: 1000 });
  const { handle } = t.sys<{ handle: number }>(a.pid, 'token_redeem', { token });
  const copy = t.sys<number>(a.pid, 'handle_duplicate', { handle, rights: RIGHTS.INSPECT });
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'process_list', { handle: copy })),
    'OK',
  );
  t.ports.advance(1000);
  for (const h of [handle, copy]) {
    assert.equal(
      t.codeOf(() => t.sys(a.pid, 'process_list', { handle: h })),
      'E_TOKEN_EXPIRED',
    );
  }
  t.k.tick(t.ports.now());
  const expired = t.audit().filter((e) => e.what === 'token_expire');
  assert.equal(expired.length, 1);
  assert.equal(expired[0].detail?.handlesRevoked, 2);
  assert.ok(t.k.processes.required(a.pid).table.get(copy)?.revoked);
});

test('a token minted under a token expires no later than it and is revoked with it', () => {
  const t = testKernel();
  const a = t.spawn();
  const parent = mint(t, { rights: RIGHTS.INSPECT | RIGHTS.MINT, ttlMs: 10_000 });
  const { handle } = t.sys<{ handle: number }>(a.pid, 'token_redeem', { token: parent.token });
  const mintAs = (extra: Record<string, unknown>) =>
    t.sys<{ token: string; tokenId: string; expiresAt: number }>(a.pid, 'token_mint', {
      handle,
      agentId: 0,
      rights: RIGHTS.INSPECT,
      scope: 'system',
      ...extra,
    });
  assert.equal(
    t.codeOf(() => mintAs({ ttlMs: 10_001 })),
    'E_NO_RIGHTS',
  );
  const child = mintAs({});
  assert.equal(child.expiresAt, t.k.tokens.get(parent.tokenId)?.expiresAt);
  const b = t.spawn();
  const redeemed = t.sys<{ handle: number }>(b.pid, 'token_redeem', { token: child.token });
  assert.deepEqual(
    t.sys<{ tokenId: string }[]>(a.pid, 'token_list', { handle }).map((r) => r.tokenId),
    [parent.tokenId, child.tokenId],
  );
  t.sys(1, 'token_revoke', { handle: t.systemHandle, tokenId: parent.tokenId });
  assert.equal(
    t.codeOf(() => t.sys(b.pid, 'process_list', { handle: redeemed.handle })),
    'E_REVOKED',
  );
  assert.equal(
    t.codeOf(() => t.sys(b.pid, 'token_redeem', { token: child.token })),
    'E_TOKEN_REVOKED',
  );
});

test('a mint and a revoke are each one audit entry carrying the whole decision', () => {
  const t = testKernel();
  const a = t.spawn();
  const parent = mint(t, { agentId: a.pid, rights: RIGHTS.INSPECT | RIGHTS.MINT });
  const { handle } = t.sys<{ handle: number }>(a.pid, 'token_redeem', { token: parent.token });
  const child = t.sys<{ tokenId: string; expiresAt: number }>(a.pid, 'token_mint', {
    handle,
    agentId: 0,
    rights: RIGHTS.INSPECT,
    scope: 'system',
  });
  t.sys(1, 'token_revoke', { handle: t.systemHandle, tokenId: parent.tokenId });
  const entries = t.audit();
  const mints = entries.filter((e) => e.what === 'token_mint');
  assert.equal(mints.length, 2, 'one entry per mint');
  assert.deepEqual(mints[1].detail, {
    tokenId: child.tokenId,
    agentId: 0,
    rights: ['inspect'],
    scope: 'system',
    expiresAt: child.expiresAt,
  });
  assert.equal(mints[1].pid, a.pid);
  const revokes = entries.filter((e) => e.what === 'token_revoke');
  assert.equal(revokes.length, 1, 'one entry per revoke');
  assert.deepEqual(revokes[0].detail, {
    tokenId: parent.tokenId,
    handlesRevoked: 1,
    alsoRevoked: [child.tokenId],
  });
});
