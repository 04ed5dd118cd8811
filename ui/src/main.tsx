/**
 * Entry of the analyst web UI: takes the token from the URL fragment, then mounts the app into #root.
 * Built by Vite into dist/ui.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { takeTokenFromFragment } from "./api/token-store.js";
import { App } from "./app.js";
import { I18nProvider } from "./i18n/i18n-context.js";
import "./styles.css";

// before anything renders: the `#token=` fragment leaves the address bar at once
takeTokenFromFragment();
const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
