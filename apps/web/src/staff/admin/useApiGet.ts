import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCall } from '../session';

/**
 * GET `path` now and whenever it changes, keeping only the answer to the latest request: a slow
 * answer to an earlier search must not replace the one the user asked for last.
 */
// The caller names the answer's type, as staffCall's callers do.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function useApiGet<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setError(null);
    try {
      const answer = await staffCall<T>('GET', path);
      if (request === latest.current) setData(answer);
    } catch (failure) {
      if (request === latest.current) {
        setData(null);
        setError(failure);
      }
    }
  }, [path]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, setError, reload };
}
