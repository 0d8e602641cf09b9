/** Small hooks shared by the panels. */
import { useEffect, useState } from 'preact/hooks';
import { store } from './store.ts';

/** Re-renders the component whenever the live store changes (at most once a frame). */
export function useStore(): typeof store {
  const [, setVersion] = useState(0);
  useEffect(
    () =>
      store.subscribe(() => {
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
