/**
 * How a call from an agent is served: a plain syscall, a syscall retried until it stops
 * blocking, a wait, a host service, or a channel call with its reply (channel_call, then
 * channel_call_result). Part of the wire ABI (wire.ts); it imports nothing, so the lease
 * client bundled into isolates can use it, and the isolate boot scripts interpolate it.
 *
 * @example
 * forward(OP.BLOCK, 'channel_read', { handle }, timeoutMs);
 */
export const OP = { SYS: 0, BLOCK: 1, WAIT: 2, SERVICE: 3, CALL: 4 } as const;
export type Op = (typeof OP)[keyof typeof OP];
