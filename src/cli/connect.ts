/**
 * Reaching the system from the CLI: through the running one's socket when `aios up` runs,
 * or by booting an embedded kernel for the length of one command.
 */
import { existsSync } from 'node:fs';
import type { System } from '../boot.ts';
import { lockHolder } from '../platform/lock.ts';
import { lockPath, socketPath } from '../platform/paths.ts';

/** True when a system holds this home and serves its socket. */
export function isUp(home: string): boolean {
  return lockHolder(lockPath(home)) !== undefined && existsSync(socketPath(home));
}

export async function api<T>(home: string, method: string, path: string, body?: unknown): Promise<T> {
  // Loaded on use: importing node:http costs ~50 ms, which commands running embedded never need.
  const { call } = await import('../api/client.ts');
  return call<T>(socketPath(home), method, path, body);
}

/** Boots an embedded system, runs fn, and shuts it down again. */
export async function embedded<T>(home: string, fn: (system: System) => Promise<T>): Promise<T> {
  const { boot } = await import('../boot.ts');
  const system = await boot({ home });
  try {
    return await fn(system);
  } finally {
    await system.shutdown();
  }
}
