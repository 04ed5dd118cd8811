/**
 * The login page: shown when the tab has no token or the API answered 401. The analyst pastes a token;
 * it is kept in sessionStorage like one taken from the `#token=` link. Input: a token. Output: onToken.
 */
import { type FormEvent, useState } from "react";
import { MAX_TOKEN_LENGTH } from "../api/token-store.js";
import { useI18n } from "../i18n/i18n-context.js";

export function LoginPage({
  rejected,
  onToken,
}: {
  readonly rejected: boolean;
  readonly onToken: (token: string) => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const token = value.trim();
    if (token !== "") onToken(token);
  };
  return (
    <main className="login" id="main">
      <h1>{t("auth.title")}</h1>
      <p>{t("auth.intro")}</p>
      {rejected ? (
        <p className="error" role="alert">
          {t("auth.rejected")}
        </p>
      ) : null}
      <form onSubmit={submit}>
        <label>
          {t("auth.token")}
          <input
            type="password"
            name="token"
            autoComplete="off"
            maxLength={MAX_TOKEN_LENGTH}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the only field of the page
            autoFocus
          />
        </label>
        <button type="submit">{t("auth.submit")}</button>
      </form>
    </main>
  );
}
