/**
 * The language context of the app: the current language, the switch, and the lookup functions every
 * component uses (`t` for labels, `text` for the API's { en, ja } texts, vocabulary names).
 * Input: the label tables. Output: useI18n().
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { fillLabel, type LabelVars } from "./fill-label.js";
import { LABELS_EN, type LabelKey } from "./labels-en.js";
import { LABELS_JA } from "./labels-ja.js";
import { initialLanguage, type Language, saveLanguage } from "./language.js";
import { stageName, viewpointName } from "./vocabulary.js";

export type { LabelVars };

export interface I18n {
  readonly lang: Language;
  readonly setLang: (lang: Language) => void;
  /** A label, with `{name}` placeholders filled */
  readonly t: (key: LabelKey, vars?: LabelVars) => string;
  /** The current language's side of a { en, ja } text */
  readonly text: (v: { readonly en: string; readonly ja: string } | undefined) => string;
  readonly viewpoint: (v: string) => string;
  readonly stage: (s: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Provides the language to the app and keeps <html lang> in step. */
export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((l: Language) => {
    saveLanguage(l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const table = lang === "ja" ? LABELS_JA : LABELS_EN;
    return {
      lang,
      setLang,
      t: (key, vars) => fillLabel(table[key], vars),
      text: (v) => (v === undefined ? "" : lang === "ja" ? v.ja || v.en : v.en || v.ja),
      viewpoint: (v) => viewpointName(v, lang),
      stage: (s) => stageName(s, lang),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The language context (inside I18nProvider). */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
