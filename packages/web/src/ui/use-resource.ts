import { useCallback, useEffect, useRef, useState } from 'react';

/** A value loaded from the server: loading, loaded or failed, with a way to load it again. */
export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly isLoading: boolean;
  readonly reload: () => void;
}

/**
 * Loads `load()` when `key` changes and on `reload()`. Keys are `scope#version`: a new version (after an edit) keeps
 * the previous data while reloading, so views do not flash or lose their state; a new scope (another project or
 * filter) starts empty. Answers that arrive after a newer request started are dropped.
 */
export const useResource = <T>(key: string, load: () => Promise<T>): Resource<T> => {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; isLoading: boolean }>({
    data: undefined,
    error: undefined,
    isLoading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const lastKey = useRef(key);

  useEffect(() => {
    let isCurrent = true;
    const keyChanged = lastKey.current.split('#')[0] !== key.split('#')[0];
    lastKey.current = key;
    setState((current) => ({
      data: keyChanged ? undefined : current.data,
      error: undefined,
      isLoading: true,
    }));
    loadRef.current().then(
      (data) => {
        if (isCurrent) setState({ data, error: undefined, isLoading: false });
      },
      (error: unknown) => {
        if (isCurrent) setState((current) => ({ data: current.data, error, isLoading: false }));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
};
