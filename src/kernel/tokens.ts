/**
 * Capability tokens: how anything outside the kernel (CLI, API clients, other nodes) proves
 * authority. A token is {tokenId, agentId, rights, scope, expiresAt, signature}, signed with
 * the kernel's key (ML-DSA-65 via the ports). It is verified once, when redeemed for a handle;
 * after that the check is a bitmask on the handle.
 *
 * Encoded form: `aios1.<base64url(claims JSON)>.<base64url(signature)>`.
 *
 * @example
 * const { token } = tokens.mint({ agentId: 0, rights: RIGHTS.READ, scope: 'system', ttlMs: 60_000 }, now);
 * const claims = tokens.check(token, presenterPid, now); // throws E_TOKEN_* on a bad token
 */
import { base64urlDecode, base64urlEncode, fromUtf8, hex, utf8 } from './encoding.ts';
import { KernelError } from './errors.ts';
import { PARAMS } from './params.ts';
import type { KernelPorts } from './ports.ts';
import { isScope, SCOPE_WORDS } from './scope.ts';

export interface TokenClaims {
  v: 1;
  tokenId: string;
  /** The agent allowed to redeem the token; 0 for a bearer token any session may redeem. */
  agentId: number;
  rights: number;
  /** What the token grants rights on: `system`, `agent:<pid>` or `resource:<name>`. */
  scope: string;
  issuedAt: number;
  expiresAt: number;
}

export interface TokenRecord {
  tokenId: string;
  agentId: number;
  rights: number;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  /** SHA-256 of the signed claims, to tell a tampered token from a forged one. */
  digest: string;
  revoked: boolean;
  /** The token whose holder minted this one; revoking that one revokes this one too. */
  mintedBy?: string;
}

export interface MintSpec {
  agentId: number;
  rights: number;
  scope: string;
  ttlMs?: number;
  /** The token the minter's authority came from (none when the owner mints). */
  mintedBy?: string;
}

const PREFIX = 'aios1.';
export class Tokens {
  readonly #ports: KernelPorts;
  readonly #records = new Map<string, TokenRecord>();

  constructor(ports: KernelPorts) {
    this.#ports = ports;
  }

  /** Loads records kept by the store (after a restart). */
  restore(records: Iterable<TokenRecord>): void {
    for (const r of records) this.#records.set(r.tokenId, { ...r });
  }

  get(tokenId: string): TokenRecord | undefined {
    return this.#records.get(tokenId);
  }

  list(): TokenRecord[] {
    return [...this.#records.values()];
  }

  mint(spec: MintSpec, now: number): { token: string; record: TokenRecord } {
    if (!isScope(spec.scope)) {
      throw new KernelError('E_BAD_ARG', `Scope '${spec.scope}' is not valid; use ${SCOPE_WORDS}`);
    }
    const ttl = spec.ttlMs ?? PARAMS.TOKEN_TTL_DEFAULT_MS;
    if (!(ttl > 0 && ttl <= PARAMS.TOKEN_TTL_MAX_MS)) {
      throw new KernelError(
        'E_BAD_ARG',
        `Token lifetime must be between 1 ms and ${PARAMS.TOKEN_TTL_MAX_MS} ms`,
      );
    }
    if (!Number.isInteger(spec.agentId) || spec.agentId < 0) {
      throw new KernelError('E_BAD_ARG', 'Token agentId must be a pid, or 0 for a bearer token');
    }
    const id = new Uint8Array(16);
    const view = new DataView(id.buffer);
    for (let i = 0; i < 4; i++) view.setUint32(i * 4, this.#ports.randomU32());
    const claims: TokenClaims = {
      v: 1,
      tokenId: hex(id),
      agentId: spec.agentId,
      rights: spec.rights >>> 0,
      scope: spec.scope,
      issuedAt: Math.floor(now),
      expiresAt: Math.floor(now + ttl),
    };
    const payload = JSON.stringify(claims);
    const signature = this.#ports.sign(utf8(payload));
    const record: TokenRecord = {
      tokenId: claims.tokenId,
      agentId: claims.agentId,
      rights: claims.rights,
      scope: claims.scope,
      issuedAt: claims.issuedAt,
      expiresAt: claims.expiresAt,
      digest: this.#ports.sha256Hex(payload),
      revoked: false,
      ...(spec.mintedBy === undefined ? {} : { mintedBy: spec.mintedBy }),
    };
    this.#records.set(record.tokenId, record);
    const token = PREFIX + base64urlEncode(utf8(payload)) + '.' + base64urlEncode(signature);
    return { token, record };
  }

  /**
   * Verifies a token presented by `presenter` at time `now` and returns its claims.
   * Throws E_BAD_ARG (not a token), E_TOKEN_FORGED, E_TOKEN_TAMPERED, E_TOKEN_REVOKED,
   * E_TOKEN_EXPIRED, or E_NO_RIGHTS (issued to another agent).
   */
  check(token: string, presenter: number, now: number): TokenClaims {
    const parts = token.startsWith(PREFIX) ? token.slice(PREFIX.length).split('.') : [];
    const payloadBytes = parts.length === 2 ? base64urlDecode(parts[0]) : undefined;
    const signature = parts.length === 2 ? base64urlDecode(parts[1]) : undefined;
    if (!payloadBytes || !signature) {
      throw new KernelError('E_BAD_ARG', "Not a capability token; expected 'aios1.<claims>.<signature>'");
    }
    let payload: string;
    try {
      payload = fromUtf8(payloadBytes);
    } catch {
      throw new KernelError('E_TOKEN_FORGED', 'Token claims are not valid UTF-8; it was not issued here');
    }
    const claimed = parseClaims(payload);
    if (!this.#ports.verify(payloadBytes, signature)) {
      const known = claimed ? this.#records.get(claimed.tokenId) : undefined;
      if (known) {
        throw new KernelError('E_TOKEN_TAMPERED', `Token ${known.tokenId} was altered after it was issued`);
      }
      throw new KernelError('E_TOKEN_FORGED', 'Token signature does not match this kernel’s key');
    }
    if (!claimed) throw new KernelError('E_TOKEN_FORGED', 'Signed token claims are malformed');
    const record = this.#records.get(claimed.tokenId);
    if (record?.revoked)
      throw new KernelError('E_TOKEN_REVOKED', `Token ${claimed.tokenId} has been revoked`);
    if (claimed.expiresAt <= now) {
      throw new KernelError('E_TOKEN_EXPIRED', `Token ${claimed.tokenId} expired; mint a new one`);
    }
    if (claimed.agentId !== 0 && claimed.agentId !== presenter) {
      throw new KernelError('E_NO_RIGHTS', `Token ${claimed.tokenId} was issued to agent ${claimed.agentId}`);
    }
    return claimed;
  }

  /**
   * Marks a token revoked, with every token minted under it (at any depth). Returns the
   * records that were newly revoked, or undefined when no such token was issued.
   */
  revoke(tokenId: string): TokenRecord[] | undefined {
    if (!this.#records.has(tokenId)) return undefined;
    const revoked: TokenRecord[] = [];
    for (const record of this.lineage(tokenId)) {
      if (record.revoked) continue;
      record.revoked = true;
      revoked.push(record);
    }
    return revoked;
  }

  /** The token and every token minted under it, at any depth, the token first. */
  lineage(tokenId: string): TokenRecord[] {
    const root = this.#records.get(tokenId);
    if (!root) return [];
    const minted = new Map<string, TokenRecord[]>();
    for (const r of this.#records.values()) {
      if (r.mintedBy === undefined) continue;
      const list = minted.get(r.mintedBy);
      if (list) list.push(r);
      else minted.set(r.mintedBy, [r]);
    }
    const found = new Set([root]);
    for (const r of found) for (const m of minted.get(r.tokenId) ?? []) found.add(m);
    return [...found];
  }
}

function parseClaims(payload: string): TokenClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const ok =
    c.v === 1 &&
    typeof c.tokenId === 'string' &&
    /^[0-9a-f]{32}$/.test(c.tokenId) &&
    Number.isInteger(c.agentId) &&
    Number.isInteger(c.rights) &&
    typeof c.scope === 'string' &&
    isScope(c.scope) &&
    Number.isFinite(c.issuedAt) &&
    Number.isFinite(c.expiresAt);
  return ok ? (c as unknown as TokenClaims) : undefined;
}
