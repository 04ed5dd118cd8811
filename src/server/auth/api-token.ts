/**
 * The API token format: `mkw_<id>_<secret>` — `id` 12 lower-case hex digits (public, names the token in
 * lists, audit entries and revocations), `secret` 32 random bytes in base64url (43 characters). Only
 * sha256(secret) is ever stored. Input: a token string or nothing. Output: a new token with its hash, or
 * the parsed parts of a presented token; and the constant-time comparison of a secret with a stored hash.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The prefix every mikiwame API token starts with (lets secret scanners recognise a leaked token). */
export const TOKEN_PREFIX = "mkw_";

const ID_HEX_DIGITS = 12;
const SECRET_BYTES = 32;
const TOKEN_FORM = /^mkw_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const HASH_FORM = /^sha256:[0-9a-f]{64}$/;

/** A token id: 12 hex digits. */
export const TOKEN_ID = /^[0-9a-f]{12}$/;

/** A token just made: the text to hand to its owner once, and what is stored. */
export interface NewApiToken {
  readonly id: string;
  /** The whole token (`mkw_<id>_<secret>`): shown once, never stored or logged */
  readonly token: string;
  /** `sha256:<hex>` of the secret */
  readonly hash: string;
}

/** The parts of a presented token. */
export interface ParsedApiToken {
  readonly id: string;
  readonly secret: string;
}

/** `sha256:<hex>` of a token secret. */
export function hashTokenSecret(secret: string): string {
  return `sha256:${createHash("sha256").update(secret, "utf8").digest("hex")}`;
}

/** Makes a new random token. */
export function newApiToken(): NewApiToken {
  const id = randomBytes(ID_HEX_DIGITS / 2).toString("hex");
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { id, token: `${TOKEN_PREFIX}${id}_${secret}`, hash: hashTokenSecret(secret) };
}

/** Splits a presented token into id and secret, or undefined when it does not have the token form. */
export function parseApiToken(text: string): ParsedApiToken | undefined {
  const m = TOKEN_FORM.exec(text.trim());
  return m ? { id: m[1], secret: m[2] } : undefined;
}

/** True when `hash` has the stored form `sha256:<64 hex>`. */
export function isTokenHash(hash: string): boolean {
  return HASH_FORM.test(hash);
}

/** Compares a presented secret with a stored hash in time independent of where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashTokenSecret(secret), "utf8");
  const b = Buffer.from(storedHash, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
