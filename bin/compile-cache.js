// Node's compile cache for aios's own modules (type-stripped and compiled once, then reused).
// It lives in the checkout, under node_modules/.cache: what it holds depends on the code, not on
// AIOS_HOME, so every home (and every test's fresh one) shares it, and `npm install` fills it.
// Where the checkout is not writable (installed by another user), the user's cache directory
// takes it; where neither is, Node runs without one.
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function compileCacheDir() {
  const inCheckout = module.enableCompileCache(
    join(import.meta.dirname, '..', 'node_modules', '.cache', 'aios-compile'),
  );
  if (inCheckout.status !== module.constants.compileCacheStatus.FAILED) return inCheckout;
  const userCache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return module.enableCompileCache(join(userCache, 'aios', 'compile'));
}
