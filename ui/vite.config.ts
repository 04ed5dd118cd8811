/**
 * Vite build of the analyst web UI: ui/ → dist/ui (static assets served by `mikiwame serve` at `/`).
 * Everything is bundled (no CDN, no external fonts); no inline scripts, so a strict CSP holds.
 * Development builds can go elsewhere: `vite build --config ui/vite.config.ts --outDir /tmp/ui`.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../dist/ui", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
