/**
 * What travels between a system service and its callers, over kernel IPC: one request, one
 * reply, on the caller's own connection (a channel the host made; see docs/services.md). The
 * SDK's side (services.ts) and the service's (src/services/serve.ts) both follow this file;
 * its limits live here, the protocol's one home.
 *
 * @example
 * // request:  { op: 'search', args: { query: 'who runs the audit' } }
 * // reply:    { ok: true, result: { hits: [...] } }   or   { ok: false, code: 'E_NO_RIGHTS', message }
 */
import type { ErrorCode } from '../kernel/errors.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

export const SERVICE_WIRE = {
  /**
   * A request or reply up to this many bytes goes in the message itself; a larger one in a
   * memory region whose handle the message carries (the kernel's message limit is 64 KiB with
   * header and handle slots).
   */
  INLINE_MAX_BYTES: 60 * KiB,
  /** The largest request a caller sends and a service reads (a region never bigger is read). */
  REQUEST_MAX_BYTES: 1 * MiB,
  /** The largest reply a service sends (a search of long memories, an export). */
  REPLY_MAX_BYTES: 32 * MiB,
  /** A call a live service has not answered by then fails with E_TIMED_OUT (a model may be loading). */
  CALL_TIMEOUT_MS: 60_000,
  /** Queue depth of each end of a connection: one caller's requests in flight at most. */
  CONNECTION_DEPTH: 64,
  /** Waiting calls (`waits` operations) served beside a connection's others; more queue in order. */
  WAITING_PER_CONNECTION: 8,
} as const;

/** The first message on a service's accept channel: a connection's end and who it belongs to. */
export interface ServiceCaller {
  pid: number;
  /**
   * The caller's name as its spawners vouch for it: its own name under the agent that started it,
   * back to init or a system service (`remember`, `web/counter`, `evil/victim`). An agent can
   * name its children anything, but only below its own name.
   */
  name: string;
  /** Init, or an agent holding the system handle with every right (the owner's session). */
  owner: boolean;
  /**
   * The rights the caller holds on each resource handle (tool, llm, …), as the host sees its
   * handle table: what a service that acts for the caller (the planner) may act with, never more.
   */
  resources?: Record<string, number>;
}

/** A request; with `region`, the JSON of `{ op, args }` is in the region attached (this many bytes). */
export type ServiceRequest = { op: string; args?: unknown; region?: undefined } | { region: number };

export type ServiceReply =
  | { ok: true; result?: unknown; region?: number }
  | { ok: false; code: ErrorCode; message: string };
