/**
 * React hook: loads one API resource, reloads it when its path or parameters change (aborting the
 * previous request) or on demand, and optionally polls. Input: path + query. Output: { data, error,
 * loading, reload }.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiFailure, apiGet, type QueryParams } from "./api-client.js";

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: ApiFailure | undefined;
  readonly loading: boolean;
  /** Loads again (keeps the current data on screen until the answer arrives) */
  readonly reload: () => void;
}

/**
 * Loads `GET /api/<path>` with `params`; `path` undefined loads nothing. `pollMs` reloads periodically
 * while the page shows (quietly: errors of a poll replace the error, data stays).
 */
export function useApi<T>(path: string | undefined, params: QueryParams = {}, pollMs?: number): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [tick, setTick] = useState(0);
  const key = path === undefined ? "" : `${path}?${JSON.stringify(params)}`;
  const lastKey = useRef(key);

  const reload = useCallback(() => setTick((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for path + params; `tick` forces a reload
  useEffect(() => {
    if (path === undefined) return;
    if (lastKey.current !== key) {
      lastKey.current = key;
      setData(undefined);
    }
    const ctl = new AbortController();
    setLoading(true);
    apiGet<T>(path, params, ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiFailure ? e : new ApiFailure(0, "ERROR", String(e)));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key, tick]);

  useEffect(() => {
    if (pollMs === undefined || path === undefined) return;
    const id = window.setInterval(reload, pollMs);
    return () => window.clearInterval(id);
  }, [pollMs, path, reload]);

  return { data, error, loading, reload };
}
