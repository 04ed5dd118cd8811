/**
 * Keyboard helpers: whether a key press belongs to a text field (then page shortcuts stay quiet), and the
 * global `/` shortcut that focuses the page's search box (`data-search-primary`), else the header's.
 */

/** True when the event comes from a field that takes typing, or carries a modifier. */
export function isTypingTarget(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const el = e.target;
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** Focuses the page's primary search field, or the header's event search. Returns true when one was found. */
export function focusSearch(): boolean {
  const el =
    document.querySelector<HTMLInputElement>("[data-search-primary]") ??
    document.querySelector<HTMLInputElement>("#global-search");
  if (!el) return false;
  el.focus();
  el.select();
  return true;
}
