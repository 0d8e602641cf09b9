/**
 * Whether an isolate in this process met a catastrophe (a fatal out-of-memory) and its thread is
 * parked for good: the process can then end only by a signal, as exiting normally waits for
 * isolated-vm's threads (bin/aios.js). A module of its own, so that every command can ask at
 * exit without loading the worker pool.
 */
let parked = false;

export function markIsolateParked(): void {
  parked = true;
}

export function isolateParked(): boolean {
  return parked;
}
