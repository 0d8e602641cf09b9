/**
 * A process-tier agent may read only its own folder, but Node's permission model checks
 * the path it is given, not where the path leads: a symbolic link inside the folder (to a
 * file, to a directory, or up with ..) would read anything. Such an agent is not started,
 * with a message naming the link; the secret is never read; a bystander is unharmed; an
 * agent reached through a symlinked folder, or with links that stay inside, runs as usual.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useHostile } from './harness.ts';

const READER = `
import { readFileSync } from 'node:fs';
export default async () => {
  const read = (p) => { try { return readFileSync(new URL(p, import.meta.url), 'utf8').trim(); } catch (e) { return e.code; } };
  return { own: read('./data.txt'), link: read(process.env.LINK ?? './leak'), deep: read('./leak-dir/secret.txt') };
};
`;

describe('hostile agents: process tier and symbolic links', () => {
  const system = useHostile();

  /** A folder of its own with the reader agent and data.txt in it. */
  function folder(name: string): string {
    const dir = join(system().env.dir, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'agent.mjs'), READER);
    writeFileSync(join(dir, 'data.txt'), 'mine');
    return dir;
  }

  async function run(file: string) {
    const { host } = system().system;
    const { pid } = host.spawnFile(file, { runtime: 'process' });
    return host.exitOf(pid, 20_000);
  }

  function secret(): string {
    const outside = join(system().env.dir, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
    return outside;
  }

  const links: [string, (dir: string, outside: string) => void][] = [
    ['a file link', (dir, outside) => symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak'))],
    ['a directory link', (dir, outside) => symlinkSync(outside, join(dir, 'leak-dir'))],
    ['a relative link upwards', (dir) => symlinkSync('../outside/secret.txt', join(dir, 'leak'))],
    [
      'a link deep in a subfolder',
      (dir, outside) => {
        mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
        symlinkSync(outside, join(dir, 'node_modules', 'pkg', 'data'));
      },
    ],
  ];

  for (const [what, make] of links) {
    it(`does not start an agent whose folder holds ${what} to outside it`, async () => {
      const dir = folder(`agent-${what.replaceAll(' ', '-')}`);
      make(dir, secret());
      const exit = await run(join(dir, 'agent.mjs'));
      assert.equal(exit.reason, 'denied', exit.message);
      assert.match(exit.message ?? '', /is a symbolic link to '.*outside.*', outside the agent's folder/);
      assert.doesNotMatch(JSON.stringify(exit), /TOP SECRET/);
      await system().assertUnharmed();
    });
  }

  it('runs an agent reached through a symlinked folder, and links that stay inside', async () => {
    const dir = folder('real-agent');
    symlinkSync(join(dir, 'data.txt'), join(dir, 'leak'));
    const alias = join(system().env.dir, 'alias');
    symlinkSync(dir, alias);
    const exit = await run(join(alias, 'agent.mjs'));
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { own: 'mine', link: 'mine', deep: 'ENOENT' });
    await system().assertUnharmed();
  });
});
