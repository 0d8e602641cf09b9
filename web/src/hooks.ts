/** Small hooks shared by the panels. */
import { useEffect, useState } from 'preact/hooks';
import { type Slice, store } from './store.ts';

/** Re-renders the component when any of `slices` of the live store changes (at most 10 times a second). */
export function useStore(...slices: Slice[]): typeof store {
  const [, setVersion] = useState(0);
  useEffect(
    () =>
      store.subscribe(slices, () => {
        setVersion(store.version);
      }),
    [],
  );
  return store;
}

/** Runs an async action, tracking busy state and the last error message. */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): { run: (...args: A) => Promise<R | undefined>; busy: boolean; error: string } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (...args: A) => {
    setBusy(true);
    setError('');
    try {
      return await fn(...args);
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

/**
 * Asks again every `everyMs` while the view is shown, and whenever `deps` change: `ask` gets
 * `current()`, false once a newer ask has begun, so a late answer never overwrites a newer one.
 * Returns the number of asks so far (a child that polls with its parent takes it) and `refresh`.
 */
export function usePolling(
  shown: boolean,
  everyMs: number,
  ask: (current: () => boolean) => void,
  deps: unknown[] = [],
): { ticks: number; refresh: () => void } {
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    if (!shown) return;
    const timer = window.setInterval(() => setTicks((n) => n + 1), everyMs);
    return () => window.clearInterval(timer);
  }, [shown, everyMs]);
  useEffect(() => {
    if (!shown) return;
    let current = true;
    ask(() => current);
    return () => {
      current = false;
    };
  }, [shown, ticks, ...deps]);
  return { ticks, refresh: () => setTicks((n) => n + 1) };
}
