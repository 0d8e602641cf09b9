// Node's compile cache for aios's own modules (type-stripped and compiled once, then reused).
// It lives in the checkout, under node_modules/.cache, so every AIOS_HOME benefits; where that
// is not writable Node silently runs without it.
import module from 'node:module';
import { join } from 'node:path';

export function compileCacheDir() {
  return module.enableCompileCache?.(
    join(import.meta.dirname, '..', 'node_modules', '.cache', 'aios-compile'),
  );
}
