/**
 * Country names for messages, in English and Japanese, from the runtime's ICU data
 * (`Intl.DisplayNames`): no table to keep up to date.
 * Input: an ISO 3166-1 alpha-2 code. Output: the name, or the code itself when the runtime has none.
 */

/** The languages mikiwame writes messages in. */
export const MESSAGE_LANGUAGES = ["en", "ja"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

const displayNames = new Map<MessageLanguage, Intl.DisplayNames>();

/** `KP` → "North Korea" / "北朝鮮". */
export function countryName(code: string, language: MessageLanguage): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
    displayNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
