/**
 * Durations for finding messages: `3.5 s` / `3.5 秒`, `12 min` / `12 分`, `1.5 h` / `1.5 時間`.
 * Input: milliseconds and a language. Output: text.
 */

export const MESSAGE_LANGUAGES = ["en", "ja"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

const UNITS: Readonly<Record<MessageLanguage, readonly [string, string, string]>> = {
  en: [" s", " min", " h"],
  ja: [" 秒", " 分", " 時間"],
};

/** A short human duration in `lang`. */
export function formatDuration(ms: number, lang: MessageLanguage): string {
  const [s, min, h] = UNITS[lang];
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}${s}`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}${min}`;
  return `${(ms / 3_600_000).toFixed(1)}${h}`;
}
