/**
 * Agent images: the file an agent runs, its SHA-256, the runtime its extension selects, and
 * the rule for which images an agent may start as children (beside its own file, unchanged).
 * The kernel cannot read files, so the host applies these before a spawn or upgrade syscall
 * reaches it; the kernel itself refuses a runtime weaker than the caller's (CONFINEMENT).
 */

import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { KernelError } from '../kernel/errors.ts';
import type { Agent, RuntimeTier } from '../kernel/index.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md); node:crypto
// only when an image is first hashed, after the ready line.
const createHash = (algorithm: string) => process.getBuiltinModule('node:crypto').createHash(algorithm);
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

export const RUNTIME_BY_EXT: Record<string, RuntimeTier> = {
  '.ts': 'isolate',
  '.js': 'isolate',
  '.mjs': 'isolate',
  '.wasm': 'wasm',
};

/** The runtime an agent file runs on when none is named: by its extension. */
export function defaultRuntime(file: string): RuntimeTier {
  return RUNTIME_BY_EXT[extname(file)] ?? 'builtin';
}

/** The code reference and SHA-256 of an agent file; E_NOT_FOUND / E_BAD_ARG otherwise. */
export function imageOf(file: string): { ref: string; hash: string } {
  const ref = resolve(file);
  if (!['.ts', '.js', '.mjs', '.wasm'].includes(extname(ref))) {
    throw new KernelError('E_BAD_ARG', `Cannot run '${file}': pass a .ts, .js, .mjs or .wasm file`);
  }
  try {
    if (!statSync(ref).isFile()) throw new Error('not a file');
  } catch {
    throw new KernelError('E_NOT_FOUND', `Cannot run '${file}': no such file`);
  }
  return { ref, hash: createHash('sha256').update(readFileSync(ref)).digest('hex') };
}

/** A path an agent names for a child, resolved beside its own file; E_NO_RIGHTS outside it. */
export function resolveChildImage(
  agent: Agent,
  path: string,
): { ref: string; hash: string; runtime: RuntimeTier } {
  const base = dirname(agent.image.ref);
  const target = resolve(base, path);
  const rel = relative(base, target);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new KernelError('E_NO_RIGHTS', `Agents may only spawn images beside their own file, not '${path}'`);
  }
  const image = imageOf(target);
  return { ...image, runtime: RUNTIME_BY_EXT[extname(target)] ?? agent.runtime };
}

/**
 * Why `agent` may not start the image a process_spawn / process_upgrade names, or undefined
 * when it may: confined agents must name a file beside their own, with the hash of what is
 * there now. (A weaker runtime the kernel refuses to every caller but init: see CONFINEMENT.)
 */
export function childImageDenial(agent: Agent, args: Record<string, unknown>): string | undefined {
  const image = args.image as { ref?: unknown; hash?: unknown } | undefined;
  if (agent.runtime === 'builtin' || agent.runtime === 'kernel') return undefined;
  if (typeof image?.ref !== 'string') return undefined; // the kernel rejects the malformed argument
  let actual: { ref: string; hash: string };
  try {
    actual = resolveChildImage(agent, image.ref);
  } catch (error) {
    return (error as Error).message;
  }
  if (actual.ref !== image.ref || actual.hash !== image.hash) {
    return `Image '${image.ref}' does not match the file beside the agent (path or SHA-256 differs)`;
  }
  return undefined;
}

/** The image's bytes, refused unless they still have the hash the agent was spawned with. */
export function verifiedBytes(agent: Agent): Uint8Array {
  const bytes = readFileSync(agent.image.ref);
  if (createHash('sha256').update(bytes).digest('hex') !== agent.image.hash) {
    throw new KernelError('E_BAD_STATE', `${agent.image.ref} changed after the agent was spawned`);
  }
  return new Uint8Array(bytes);
}
