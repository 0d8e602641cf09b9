/**
 * Requests executing in this process, per AIOS_HOME: not interrupted, whatever the history says
 * (a request still 'running' in the history is interrupted only when no Atlas here runs it).
 *
 * @example
 * runningIn(system.home).add(id); // … finally runningIn(system.home).delete(id)
 */
const running = new Map<string, Set<string>>();

/** The ids of requests this process is executing on `home` (one set per home, shared by every Atlas). */
export function runningIn(home: string): Set<string> {
  let ids = running.get(home);
  if (!ids) {
    ids = new Set();
    running.set(home, ids);
  }
  return ids;
}
