/**
 * Who is signed in (from `GET /api/whoami`) and what the role may do: viewers read; analysts and
 * admins also decide verdicts, edit the allow-list and write notes. Input: WhoAmI. Output: useSession().
 */
import { createContext, useContext } from "react";
import type { WhoAmI } from "../../../src/server/api-contract.js";

export interface Session {
  readonly me: WhoAmI;
  /** Verdicts, allow-list entries, notes, revocations */
  readonly canDecide: boolean;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The session of the signed-in token (inside the app shell). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionContext");
  return s;
}

/** Whether a role may change analyst state. */
export function roleCanDecide(role: WhoAmI["role"]): boolean {
  return role === "analyst" || role === "admin";
}
