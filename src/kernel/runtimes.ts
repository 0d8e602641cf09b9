/**
 * The runtime tiers an agent can run in: the one list every layer (the syscall table, the CLI,
 * the HTTP API and MCP, the supervisor's spec, the SDK, the runtime host) takes them from.
 *
 * @example
 * import { SPAWN_TIERS, type SpawnTier } from '../kernel/runtimes.ts';
 * z.enum(SPAWN_TIERS);                         // 'builtin' | 'isolate' | 'wasm' | 'process'
 */

/**
 * Every tier: kernel agents are the kernel's own, builtin code runs inside the aios process,
 * isolate in a V8 isolate, wasm as a WebAssembly module, process in a child process, and an
 * external agent is a session acting for a client that holds a token (it runs no code).
 */
export const RUNTIME_TIERS = ['kernel', 'builtin', 'isolate', 'wasm', 'process', 'external'] as const;
export type RuntimeTier = (typeof RUNTIME_TIERS)[number];

/** The tiers a person or an agent may ask to start code in. */
export const SPAWN_TIERS = ['builtin', 'isolate', 'wasm', 'process'] as const;
export type SpawnTier = (typeof SPAWN_TIERS)[number];

/** What process_spawn accepts: those, and sessions (external) the API and Atlas start for clients. */
export const SYSCALL_SPAWN_TIERS = [...SPAWN_TIERS, 'external'] as const;

/** The tiers whose agents share a pool of worker threads (the runtime's pool). */
export const POOLED_TIERS = ['isolate', 'wasm'] as const;
export type PooledTier = (typeof POOLED_TIERS)[number];

/** The tiers that confine the code they run. */
const CONFINING_TIERS = ['process', 'isolate', 'wasm'] as const;

/**
 * How strongly each tier confines the code it runs (higher confines more). No caller starts
 * or upgrades code in a tier weaker than its own: builtin runs inside the aios process and
 * process in a child of it, so only init (the owner) and the trusted builtin services can
 * choose them. A session (external) runs no code but acts for a client holding a token,
 * which gets no more than an isolate does.
 */
export const CONFINEMENT: Readonly<Record<RuntimeTier, number>> = {
  kernel: 0,
  builtin: 0,
  process: 1,
  isolate: 2,
  wasm: 2,
  external: 2,
};

/** Whether `value` names a tier a spawn may ask for. */
export function isSpawnTier(value: unknown): value is SpawnTier {
  return (SPAWN_TIERS as readonly unknown[]).includes(value);
}

/**
 * The tiers as prose for a message: "builtin, isolate, wasm or process".
 *
 * @example
 * `--runtime must be ${tierList(SPAWN_TIERS)}, not 'x'`
 */
export function tierList(tiers: readonly string[]): string {
  return tiers.length < 2 ? tiers.join('') : `${tiers.slice(0, -1).join(', ')} or ${tiers.at(-1)}`;
}

/**
 * Why an agent running in `own` may not start code in `wanted`, or undefined when it may.
 *
 * @example
 * weakerRuntime('external', 'builtin'); // "Cannot start code in the 'builtin' runtime: …"
 */
export function weakerRuntime(own: RuntimeTier, wanted: RuntimeTier): string | undefined {
  if (CONFINEMENT[wanted] >= CONFINEMENT[own]) return undefined;
  const allowed = CONFINING_TIERS.filter((t) => CONFINEMENT[t] >= CONFINEMENT[own]);
  const caller =
    own === 'external' ? 'a capability token, which gets what an isolate gets' : `the caller's ${own}`;
  return (
    `Cannot start code in the '${wanted}' runtime: it confines less than ${caller}; ` +
    `use ${allowed.join(' or ')}, or have the owner start it (aios spawn on the aios host, no token)`
  );
}
