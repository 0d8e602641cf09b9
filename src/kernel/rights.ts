/**
 * Rights are bits on a handle (Zircon's model). A syscall names the rights it needs; a
 * handle can only ever lose rights when duplicated or passed on.
 *
 * @example
 * const r = parseRights('io,duplicate'); // READ | WRITE | DUPLICATE
 * hasRights(handle.rights, RIGHTS.WRITE);
 */
import { KernelError } from './errors.ts';

export const RIGHTS = {
  READ: 1 << 0,
  WRITE: 1 << 1,
  DUPLICATE: 1 << 2,
  TRANSFER: 1 << 3,
  WAIT: 1 << 4,
  INSPECT: 1 << 5,
  /** Kill, suspend, resume, upgrade an agent. */
  MANAGE: 1 << 6,
  /** Create agents under this handle (system or agent). */
  SPAWN: 1 << 7,
  /** Map a memory region into the holder's address space. */
  MAP: 1 << 8,
  /** Mint and revoke capability tokens. */
  MINT: 1 << 9,
  /** Read the audit journal. */
  AUDIT: 1 << 10,
  /** Submit requests against a scheduled resource (LLM, tool pool, CPU). */
  USE: 1 << 11,
  /** Revoke handles derived from this one. */
  REVOKE: 1 << 12,
  /** Destroy what a tool acts on (delete files, kill processes): risk 3. */
  DESTROY: 1 << 13,
} as const;

export type RightName = Lowercase<keyof typeof RIGHTS>;

/** Every right by name, lowest bit first: what the CLI, the API and MCP accept and list. */
export const RIGHT_NAMES = Object.keys(RIGHTS).map((r) => r.toLowerCase()) as [RightName, ...RightName[]];

export const RIGHTS_ALL = Object.values(RIGHTS).reduce((a, b) => a | b, 0);

/** Named groups, usable wherever rights are named (`--rights basic,io`). */
export const RIGHT_GROUPS = {
  basic: RIGHTS.DUPLICATE | RIGHTS.TRANSFER | RIGHTS.WAIT | RIGHTS.INSPECT,
  io: RIGHTS.READ | RIGHTS.WRITE,
  process: RIGHTS.MANAGE | RIGHTS.SPAWN | RIGHTS.WAIT | RIGHTS.INSPECT,
  admin: RIGHTS.MINT | RIGHTS.AUDIT | RIGHTS.REVOKE,
  all: RIGHTS_ALL,
} as const;

export type RightGroup = keyof typeof RIGHT_GROUPS;
export const RIGHT_GROUP_NAMES = Object.keys(RIGHT_GROUPS) as [RightGroup, ...RightGroup[]];

export type ObjectKind = 'agent' | 'channel' | 'region' | 'resource' | 'token';

/** Rights a freshly created handle of each kind carries. */
export const DEFAULT_RIGHTS: Readonly<Record<ObjectKind, number>> = {
  agent: RIGHT_GROUPS.basic | RIGHTS.MANAGE | RIGHTS.READ | RIGHTS.REVOKE,
  channel: RIGHT_GROUPS.basic | RIGHT_GROUPS.io | RIGHTS.REVOKE,
  region: RIGHT_GROUPS.basic | RIGHT_GROUPS.io | RIGHTS.MAP | RIGHTS.REVOKE,
  resource: RIGHT_GROUPS.basic | RIGHTS.USE,
  token: RIGHTS.INSPECT | RIGHTS.REVOKE | RIGHTS.DUPLICATE | RIGHTS.TRANSFER,
};

export function hasRights(held: number, required: number): boolean {
  return (held & required) === required;
}

/** Parses "read,write,basic" (names and groups, comma separated) into a bit set. */
export function parseRights(text: string): number {
  let bits = 0;
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    const upper = name.toUpperCase() as keyof typeof RIGHTS;
    if (Object.hasOwn(RIGHTS, upper)) bits |= RIGHTS[upper];
    else if (Object.hasOwn(RIGHT_GROUPS, name)) bits |= RIGHT_GROUPS[name as keyof typeof RIGHT_GROUPS];
    else {
      throw new KernelError(
        'E_BAD_ARG',
        `Unknown right '${name}'; use ${RIGHT_NAMES.join(', ')} or a group (${RIGHT_GROUP_NAMES.join(', ')})`,
      );
    }
  }
  return bits;
}

/** The names of the rights set in bits, lowest bit first. */
export function rightNames(bits: number): RightName[] {
  const names: RightName[] = [];
  for (const [name, bit] of Object.entries(RIGHTS)) {
    if ((bits & bit) !== 0) names.push(name.toLowerCase() as RightName);
  }
  return names;
}
