/**
 * One embedded system for a test file that drives Atlas directly: booted before the file's
 * tests, shut down and removed after them, in its own temporary directory (HOME and AIOS_HOME
 * inside it). OPEN_CONFIG lets Atlas reach any path and change as fast as the test wants.
 *
 * @example
 * const shared = atlasSystem();
 * test('…', () => { const atlas = new Atlas(shared.system, { home, config: OPEN_CONFIG }); });
 */
import { rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { type TestEnv, testEnv } from './env.ts';

export const OPEN_CONFIG = { roots: [], onlyRoots: false, mutatingStepsPerMinute: 100_000, undoDays: 30 };

export function atlasSystem(): { readonly env: TestEnv; readonly system: System } {
  const shared = {} as { env: TestEnv; system: System };
  before(async () => {
    shared.env = testEnv();
    shared.system = await boot({ home: shared.env.aiosHome, logLevel: 'error' });
  });
  after(async () => {
    await shared.system.shutdown();
    rmSync(shared.env.dir, { recursive: true, force: true });
  });
  return shared;
}
