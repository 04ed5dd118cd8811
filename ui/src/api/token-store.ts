/**
 * The API token of this browser tab: taken once from the URL fragment (`#token=…`, as `mikiwame serve`
 * prints it), kept in sessionStorage (gone when the tab closes), and removed from the address bar so it
 * is neither bookmarked nor shown. Input: window.location. Output: the token, or undefined.
 */

const STORAGE_KEY = "mikiwame.token";

/** The longest token accepted from the fragment or the login form (real ones are ~60 characters). */
export const MAX_TOKEN_LENGTH = 512;

/**
 * Moves a `token=` parameter of the URL fragment into sessionStorage and rewrites the address bar
 * without it (keeping any route that followed). Returns true when a token was taken.
 */
export function takeTokenFromFragment(): boolean {
  const hash = window.location.hash.replace(/^#/, "");
  if (!/(^|&)token=/.test(hash)) return false;
  const params = new URLSearchParams(hash);
  const token = params.get("token")?.trim() ?? "";
  params.delete("token");
  const rest = [...params.keys()].length > 0 ? `#${params.toString()}` : "#/";
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${rest}`);
  if (token === "" || token.length > MAX_TOKEN_LENGTH) return false;
  saveToken(token);
  return true;
}

/** The stored token, or undefined. */
export function readToken(): string | undefined {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores a token for this tab. */
export function saveToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // storage disabled: the token lives only as long as the page (see memoryToken)
  }
  memoryToken = token;
}

/** Forgets the token (logout, or the server answered 401). */
export function clearToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  memoryToken = undefined;
}

/** Fallback when sessionStorage is unavailable (private modes that throw on access). */
let memoryToken: string | undefined;

/** The token to send: sessionStorage first, else the in-memory copy. */
export function currentToken(): string | undefined {
  return readToken() ?? memoryToken;
}
