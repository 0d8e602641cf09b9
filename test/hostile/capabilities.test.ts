/**
 * Hostile agents that try to gain authority they were not given: forged, tampered, expired
 * and revoked tokens, guessed handles, widened duplicates, oversize messages, spawning
 * beyond quota or into a weaker runtime. Each fails with the exact kernel error, which the
 * audit journal records; the system and a bystander are unharmed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { boot } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { testEnv } from '../helpers/env.ts';
import { deniedWith, useHostile } from './harness.ts';

/** An agent that makes one call and returns the error code it got. */
const tryCall = (body: string) => `
export default async (os) => {
  try { ${body}; return { code: 'none' }; }
  catch (e) { return { code: e.code, name: e.name, message: e.message }; }
};`;

describe('hostile agents: capabilities', () => {
  const system = useHostile();

  const expectDenied = async (
    name: string,
    body: string,
    code: string,
    what?: string,
    options: Parameters<ReturnType<typeof system>['run']>[2] = {},
  ) => {
    const s = system();
    const { pid, exit } = await s.run(name, tryCall(body), options);
    assert.equal(exit.reason, 'normal', exit.message);
    const outcome = JSON.parse(exit.result!) as { code: string; name: string; message: string };
    assert.equal(outcome.code, code, outcome.message);
    assert.equal(outcome.name, 'AiosError');
    await s.assertUnharmed();
    s.assertAudited(pid, deniedWith(code, what));
    return outcome;
  };

  const mint = (rights: number, ttlMs?: number) =>
    system().system.kernel.syscall(1, 'token_mint', {
      handle: system().system.systemHandle,
      agentId: 0,
      rights,
      scope: 'system',
      ttlMs,
    }) as { token: string; tokenId: string };

  it('a token signed by another kernel is refused as forged', async (t) => {
    const other = testEnv(t);
    const elsewhere = await boot({ home: join(other.dir, 'aios') });
    const { token } = elsewhere.kernel.syscall(1, 'token_mint', {
      handle: elsewhere.systemHandle,
      agentId: 0,
      rights: RIGHTS.INSPECT | RIGHTS.MINT,
      scope: 'system',
    }) as { token: string };
    await elsewhere.shutdown();
    system().write('forged.json', JSON.stringify({ token }));
    await expectDenied(
      'forged.js',
      `const { token } = (await import('./forged.json')).default; await os.token.redeem(token)`,
      'E_TOKEN_FORGED',
      'token_redeem',
    );
  });

  it('a token whose claims were widened is refused as tampered', async () => {
    const { token } = mint(RIGHTS.INSPECT);
    const [payload, signature] = token.slice('aios1.'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.rights = 0xffff;
    const tampered = `aios1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    system().write('tampered.json', JSON.stringify({ token: tampered }));
    await expectDenied(
      'tampered.js',
      `const { token } = (await import('./tampered.json')).default; await os.token.redeem(token)`,
      'E_TOKEN_TAMPERED',
      'token_redeem',
    );
  });

  it('an expired token is refused', async () => {
    const { token } = mint(RIGHTS.INSPECT, 1);
    await new Promise((r) => setTimeout(r, 10));
    system().write('expired.json', JSON.stringify({ token }));
    await expectDenied(
      'expired.js',
      `const { token } = (await import('./expired.json')).default; await os.token.redeem(token)`,
      'E_TOKEN_EXPIRED',
      'token_redeem',
    );
  });

  it('a revoked token is refused', async () => {
    const { token, tokenId } = mint(RIGHTS.INSPECT);
    system().system.kernel.syscall(1, 'token_revoke', { handle: system().system.systemHandle, tokenId });
    system().write('revoked.json', JSON.stringify({ token }));
    await expectDenied(
      'revoked.js',
      `const { token } = (await import('./revoked.json')).default; await os.token.redeem(token)`,
      'E_TOKEN_REVOKED',
      'token_redeem',
    );
  });

  it('guessed handle numbers name nothing', async () => {
    const s = system();
    const { pid, exit } = await s.run(
      'guess.js',
      `export default async (os) => {
         const codes = new Set();
         const guesses = [0xffffffff, 0x7fffffff];
         for (let i = 1; i <= 2000; i++) guesses.push(i);
         for (let i = 0; i < 2000; i++) guesses.push((Math.random() * 0xffffffff) >>> 0 || 1);
         let hits = 0;
         for (const h of guesses) {
           if (Object.values(os.handles).includes(h)) continue;
           try { await os.ipc.trySend(h, 'x'); hits++; } catch (e) { codes.add(e.code); }
         }
         return { hits, codes: [...codes] };
       }`,
    );
    assert.deepEqual(JSON.parse(exit.result!), { hits: 0, codes: ['E_BAD_HANDLE'] });
    await s.assertUnharmed();
    s.assertAudited(pid, deniedWith('E_BAD_HANDLE', 'channel_write'));
  });

  it('duplicating a handle cannot widen its rights', async () => {
    await expectDenied(
      'widen.js',
      `await os.handle.duplicate(os.handles.self, 0xffffffff)`,
      'E_NO_RIGHTS',
      'handle_duplicate',
    );
  });

  it('a narrowed duplicate cannot do what it lost', async () => {
    await expectDenied(
      'narrowed.js',
      `const [a] = await os.ipc.channel(); const ro = await os.handle.duplicate(a, ${RIGHTS.READ | RIGHTS.DUPLICATE}); await os.ipc.trySend(ro, 'x')`,
      'E_NO_RIGHTS',
      'channel_write',
    );
  });

  it('a handle derived from a revoked one is dead', async () => {
    await expectDenied(
      'revoked-handle.js',
      `const [a] = await os.ipc.channel(); const d = await os.handle.duplicate(a, ${RIGHTS.WRITE | RIGHTS.DUPLICATE}); await os.handle.revoke(a); await os.ipc.trySend(d, 'x')`,
      'E_REVOKED',
      'channel_write',
    );
  });

  it('a message of 64 KiB + 1 is refused', async () => {
    await expectDenied(
      'too-big.js',
      `const [a] = await os.ipc.channel(); await os.ipc.trySend(a, new Uint8Array(64 * 1024 + 1))`,
      'E_TOO_BIG',
      'channel_write',
    );
  });

  it('its own handle cannot list, kill or suspend anyone', async () => {
    await expectDenied(
      'list.js',
      `await os.sys('process_list', { handle: os.handles.self })`,
      'E_BAD_HANDLE',
      'process_list',
    );
    await expectDenied(
      'kill-self-handle.js',
      `await os.kill(os.handles.self)`,
      'E_NO_RIGHTS',
      'process_kill',
    );
  });

  it('unknown syscalls and malformed arguments are refused', async () => {
    await expectDenied('unknown.js', `await os.sys('kernel_backdoor', {})`, 'E_UNKNOWN_CALL');
    await expectDenied(
      'bad-arg.js',
      `await os.sys('channel_write', { handle: 'x', bytes: 'y' })`,
      'E_BAD_ARG',
      'channel_write',
    );
  });

  it('cannot spawn without a spawn handle', async () => {
    system().write('child.js', 'export default async () => 1;');
    await expectDenied('no-spawn.js', `await os.spawn('child.js')`, 'E_BAD_ARG', 'process_spawn');
  });

  it('cannot start a child in the weaker process runtime, which would escape the isolate', async () => {
    system().write('child.js', 'export default async () => 1;');
    await expectDenied(
      'spawn-process.js',
      `await os.spawn('child.js', { runtime: 'process' })`,
      'E_NO_RIGHTS',
      'process_spawn',
      { grants: { system: RIGHTS.SPAWN } },
    );
    await expectDenied(
      'spawn-builtin.js',
      `await os.spawn('child.js', { runtime: 'builtin' })`,
      'E_NO_RIGHTS',
      'process_spawn',
      { grants: { system: RIGHTS.SPAWN } },
    );
  });

  it('cannot spawn an image that is not the file beside it', async () => {
    await expectDenied(
      'forged-image.js',
      `await os.sys('process_spawn', { handle: os.handles.system, image: { ref: '/etc/passwd', hash: '0' }, runtime: 'isolate' })`,
      'E_NO_RIGHTS',
      'process_spawn',
      { grants: { system: RIGHTS.SPAWN } },
    );
  });

  it('exhausting the spawn quota is refused', async () => {
    system().write('idle-child.js', 'export default async (os) => { await os.sleep(60_000); };');
    const outcome = await expectDenied(
      'spawn-quota.js',
      `for (let i = 0; i < 10; i++) await os.spawn('idle-child.js')`,
      'E_QUOTA',
      'process_spawn',
      { grants: { system: RIGHTS.SPAWN }, quotas: { children: 3 } },
    );
    assert.match(outcome.message, /already has 3 agents below it, its children quota/);
  });

  it('a handle without the duplicate right cannot be passed to a child as a spawn grant', async () => {
    system().write('grant-child.js', 'export default async (os) => { await os.sleep(60_000); };');
    const outcome = await expectDenied(
      'grant-no-dup.js',
      `const [a] = await os.ipc.channel();
       const rw = await os.handle.duplicate(a, ${RIGHTS.READ | RIGHTS.WRITE});
       await os.spawn('grant-child.js', { grants: { peer: [rw, ${RIGHTS.READ}] } })`,
      'E_NO_RIGHTS',
      'process_spawn',
      { grants: { system: RIGHTS.SPAWN } },
    );
    assert.match(outcome.message, /lacks the duplicate right/);
  });

  it('a region cannot be read past its end', async () => {
    await expectDenied(
      'region.js',
      `const r = await os.mem.alloc(4096); await os.mem.read(r, 4000, 200)`,
      'E_BAD_ARG',
      'region_read',
    );
  });

  it('memory regions are charged against the memory quota', async () => {
    await expectDenied('region-quota.js', `for (;;) await os.mem.alloc(1 << 20)`, 'E_QUOTA', 'region_alloc', {
      quotas: { memoryBytes: 16 * 2 ** 20 },
    });
  });
});
