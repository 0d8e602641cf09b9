/**
 * Handle tables. Each agent has its own table (value -> handle); values are random 32-bit
 * numbers, so a guessed value names nothing, and a value only means something in the table
 * of the agent that holds it.
 *
 * @example
 * const h = handles.install(agent.table, agent.pid, channelEnd, DEFAULT_RIGHTS.channel);
 * handles.lookup(agent.table, h.value, 'channel', RIGHTS.WRITE);
 */
import { KernelError } from './errors.ts';
import type { Handle, KObject, TokenOrigin } from './objects.ts';
import { PARAMS } from './params.ts';
import { hasRights, type ObjectKind, RIGHTS } from './rights.ts';

export type HandleTable = Map<number, Handle>;

export interface HandleHooks {
  randomU32(): number;
  /** The kernel's clock, to refuse handles whose token has expired. */
  now(): number;
  /** Called when the last live handle to an object goes away. */
  release(object: KObject): void;
  /** Called when a handle stops naming its object for its holder (closed, revoked, sent away). */
  gone?(handle: Handle): void;
}

export class Handles {
  readonly #hooks: HandleHooks;

  constructor(hooks: HandleHooks) {
    this.#hooks = hooks;
  }

  /**
   * Puts a new handle into a table. Throws E_QUOTA when the table is full. A handle derived
   * from `parent` keeps the parent's token origin; `token` sets it on a freshly redeemed one.
   */
  install(
    table: HandleTable,
    owner: number,
    object: KObject,
    rights: number,
    parent?: Handle,
    token: TokenOrigin | undefined = parent?.token,
  ): Handle {
    if (table.size >= PARAMS.HANDLES_PER_AGENT_MAX) {
      throw new KernelError(
        'E_QUOTA',
        `Handle table of agent ${owner} is full (${PARAMS.HANDLES_PER_AGENT_MAX})`,
      );
    }
    const handle: Handle = {
      value: this.#freshValue(table),
      object,
      rights,
      owner,
      revoked: false,
      live: true,
      parent,
      children: undefined,
      token,
    };
    if (parent) {
      if (parent.children) parent.children.push(handle);
      else parent.children = [handle];
    }
    object.handleCount++;
    table.set(handle.value, handle);
    return handle;
  }

  /** Resolves a handle value; throws E_BAD_HANDLE, E_REVOKED or E_NO_RIGHTS. */
  lookup(table: HandleTable, value: number, kind: ObjectKind | undefined, rights: number): Handle {
    const handle = table.get(value);
    if (handle === undefined)
      throw new KernelError('E_BAD_HANDLE', `Handle ${value} is not held by this agent`);
    if (handle.token !== undefined && handle.token.expiresAt <= this.#hooks.now()) {
      throw new KernelError(
        'E_TOKEN_EXPIRED',
        `Handle ${value} came from token ${handle.token.tokenId}, which has expired; redeem a new token`,
      );
    }
    if (handle.revoked) throw new KernelError('E_REVOKED', `Handle ${value} has been revoked`);
    if (kind !== undefined && handle.object.kind !== kind) {
      throw new KernelError('E_BAD_HANDLE', `Handle ${value} is a ${handle.object.kind}, not a ${kind}`);
    }
    if ((handle.rights & rights) !== rights) {
      throw new KernelError('E_NO_RIGHTS', `Handle ${value} lacks a required right`);
    }
    return handle;
  }

  /**
   * A new handle to the same object with the given rights, which must be a subset of the
   * source's. It goes into `table` (owned by `owner`), by default the source's own.
   */
  duplicate(table: HandleTable, source: Handle, rights: number, owner = source.owner): Handle {
    if (!hasRights(source.rights, RIGHTS.DUPLICATE)) {
      throw new KernelError('E_NO_RIGHTS', `Handle ${source.value} lacks the duplicate right`);
    }
    if ((rights & ~source.rights) !== 0) {
      throw new KernelError(
        'E_NO_RIGHTS',
        'Duplicate can only narrow rights; the requested rights exceed the source',
      );
    }
    return this.install(table, owner, source.object, rights, source);
  }

  /** Takes a handle out of a table so it can travel in a message. */
  detach(table: HandleTable, handle: Handle): void {
    table.delete(handle.value);
    handle.owner = 0;
    this.#hooks.gone?.(handle);
  }

  /** Installs a travelling handle in its receiver's table, keeping its lineage. */
  attach(table: HandleTable, owner: number, handle: Handle): void {
    if (table.size >= PARAMS.HANDLES_PER_AGENT_MAX) {
      throw new KernelError(
        'E_QUOTA',
        `Handle table of agent ${owner} is full (${PARAMS.HANDLES_PER_AGENT_MAX})`,
      );
    }
    handle.value = this.#freshValue(table);
    handle.owner = owner;
    table.set(handle.value, handle);
  }

  /** Closes a handle; closing a value that is not held is harmless. */
  close(table: HandleTable, value: number): boolean {
    const handle = table.get(value);
    if (handle === undefined) return false;
    table.delete(value);
    this.drop(handle);
    return true;
  }

  /** Releases a handle that is no longer in any table (closed, or dropped in flight). */
  drop(handle: Handle): void {
    const parent = handle.parent;
    if (parent?.children) {
      const i = parent.children.indexOf(handle);
      if (i >= 0) parent.children.splice(i, 1);
    }
    this.#kill(handle);
  }

  /**
   * Revokes a handle and every handle derived from it; returns how many were revoked. With
   * `table`, the handle itself is also removed from it (the revoker's own table); elsewhere
   * revoked handles stay, answering E_REVOKED, until closed.
   */
  revoke(handle: Handle, table?: HandleTable): number {
    table?.delete(handle.value);
    let count = 0;
    const stack: Handle[] = [handle];
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (!h.revoked) count++;
      h.revoked = true;
      this.#kill(h);
      if (h.children) stack.push(...h.children);
    }
    return count;
  }

  /** Closes every handle in a table (the agent exited). */
  closeAll(table: HandleTable): void {
    for (const handle of table.values()) this.drop(handle);
    table.clear();
  }

  #kill(handle: Handle): void {
    if (!handle.live) return;
    handle.live = false;
    this.#hooks.gone?.(handle);
    if (--handle.object.handleCount === 0) this.#hooks.release(handle.object);
  }

  #freshValue(table: HandleTable): number {
    for (;;) {
      const value = this.#hooks.randomU32() >>> 0;
      if (value !== 0 && !table.has(value)) return value;
    }
  }
}
