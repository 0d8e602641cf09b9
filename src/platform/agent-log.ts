/**
 * What agents write with os.log, on its way to the system log: at most
 * AGENT_LOG_LINES_PER_WINDOW lines and AGENT_LOG_BYTES_PER_WINDOW bytes per agent per window,
 * each line cut at AGENT_LOG_LINE_MAX_CHARS. Lines beyond that are dropped and counted, and
 * once per window in which an agent lost lines the log says how many. One agent that logs in
 * a loop then costs the disk a bounded rate, and cannot drown the lines of the others.
 *
 * @example
 * const host = new AgentHost(kernel, persist, { log: agentLog(logger) });
 */
import { PARAMS } from '../kernel/params.ts';
import type { Logger } from './log.ts';

interface Window {
  start: number;
  lines: number;
  bytes: number;
  dropped: number;
}

/** Agents whose windows are remembered before the expired ones are swept. */
const SWEEP_AT = 4096;

/** A function that logs one os.log line of agent `pid`, within that agent's rate. */
export function agentLog(log: Logger, now: () => number = Date.now): (pid: number, msg: string) => void {
  const windows = new Map<number, Window>();
  const limit = `${PARAMS.AGENT_LOG_LINES_PER_WINDOW} lines or ${PARAMS.AGENT_LOG_BYTES_PER_WINDOW} bytes per ${PARAMS.AGENT_LOG_WINDOW_MS} ms`;

  const report = (pid: number, w: Window) => {
    if (w.dropped === 0) return;
    log.warn('agent log lines dropped', { pid, dropped: w.dropped, limit });
    w.dropped = 0;
  };

  return (pid, text) => {
    const t = now();
    let w = windows.get(pid);
    if (!w || t - w.start >= PARAMS.AGENT_LOG_WINDOW_MS) {
      if (windows.size >= SWEEP_AT) {
        for (const [p, old] of windows)
          if (t - old.start >= PARAMS.AGENT_LOG_WINDOW_MS && old.dropped === 0) windows.delete(p);
      }
      if (w) report(pid, w);
      w = { start: t, lines: 0, bytes: 0, dropped: 0 };
      windows.set(pid, w);
    }
    const msg =
      text.length > PARAMS.AGENT_LOG_LINE_MAX_CHARS
        ? `${text.slice(0, PARAMS.AGENT_LOG_LINE_MAX_CHARS)}… (${text.length - PARAMS.AGENT_LOG_LINE_MAX_CHARS} more characters)`
        : text;
    const bytes = Buffer.byteLength(msg);
    if (
      w.lines + 1 > PARAMS.AGENT_LOG_LINES_PER_WINDOW ||
      w.bytes + bytes > PARAMS.AGENT_LOG_BYTES_PER_WINDOW
    ) {
      // The count is written when the window ends, even if the agent never logs again.
      if (w.dropped++ === 0) {
        const window = w;
        setTimeout(() => report(pid, window), PARAMS.AGENT_LOG_WINDOW_MS - (t - w.start)).unref?.();
      }
      return;
    }
    w.lines++;
    w.bytes += bytes;
    log.info(msg, { pid });
  };
}
