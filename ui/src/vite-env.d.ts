/// <reference types="vite/client" />
// Vite's client types (CSS imports, import.meta.env) for the type checker.
