/**
 * One kernel per AIOS_HOME: the running system (or an embedded kernel) holds a lock file
 * with its pid. A lock left by a process that no longer exists is taken over.
 */
import { asDiskFull } from './disk-full.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { closeSync, openSync, readFileSync, unlinkSync, writeSync } = process.getBuiltinModule('node:fs');

export class LockHeldError extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`aios is already running here (pid ${pid}); stop it first or use that system`);
    this.pid = pid;
  }
}

/** Takes the lock or throws LockHeldError; returns a function that releases it. */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } catch (error) {
        // an empty lock would hold nothing: leave none (a full disk cannot take the pid)
        closeSync(fd);
        unlinkSync(path);
        throw asDiskFull(error, path) ?? error;
      }
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(path);
      if (holder !== undefined) throw new LockHeldError(holder);
      try {
        unlinkSync(path);
      } catch {
        // someone else took it over first; try again
      }
    }
  }
  throw new Error(`Could not take the lock at ${path}`);
}

/** The pid holding the lock, if that process is alive. */
export function lockHolder(path: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
