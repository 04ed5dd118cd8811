/**
 * React hook for the current route: follows `hashchange` and navigates by setting the hash.
 * Input: window.location.hash. Output: { route, navigate }.
 */
import { useCallback, useEffect, useState } from "react";
import { parseRoute, type Route, routeHash } from "./route.js";

/** Goes to a route (a new history entry, or replacing the current one). */
export function navigate(route: Route, replace = false): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (replace) {
    window.history.replaceState(null, "", hash);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else window.location.hash = hash;
}

/** The current route, updated on every hash change. */
export function useRoute(): {
  readonly route: Route;
  readonly go: (route: Route, replace?: boolean) => void;
} {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const go = useCallback((r: Route, replace?: boolean) => navigate(r, replace), []);
  return { route, go };
}
