/**
 * The UI languages and the user's choice: the default follows navigator.language (ja* → Japanese, else
 * English); a choice made with the switch is kept in localStorage. Input: the browser. Output: a Language.
 */

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "mikiwame.lang";

function isLanguage(v: unknown): v is Language {
  return typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
}

/** The saved choice, else the browser's language. */
export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage disabled: fall back to the browser language
  }
  return /^ja\b/i.test(window.navigator.language) ? "ja" : "en";
}

/** Remembers the choice for the next visit. */
export function saveLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the choice still holds for this page
  }
}
