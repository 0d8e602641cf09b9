/**
 * Where aios keeps its state: $AIOS_HOME, or ~/.aios when it is not set.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { mkdirSync } = process.getBuiltinModule('node:fs');

export function aiosHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIOS_HOME && env.AIOS_HOME !== '' ? env.AIOS_HOME : join(env.HOME || homedir(), '.aios');
}

export function socketPath(home: string): string {
  return join(home, 'aios.sock');
}

export function lockPath(home: string): string {
  return join(home, 'aios.lock');
}

export function logPath(home: string): string {
  return join(home, 'logs', 'aios.log');
}

/** Creates the home directory, private to the user, if it does not exist. */
export function ensureHome(home: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
}
