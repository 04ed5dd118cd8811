/**
 * A fleet-wide prevalence source for the history viewpoint: how many hosts ran a value (image identity,
 * image path, command line) across everything a store holds, not only the events of the run, with its
 * first and last sighting. The history analyzer reads it synchronously in `finish()`; whoever provides it
 * (src/pipeline/store-fleet-prevalence.ts, from `Store.prevalence`) fills it before the analyzers
 * finish. Without one the analyzer measures prevalence on the run's own events (file analysis).
 * Input: the analyzer's own keys (see process-start-keys.ts). Output: fleet sightings.
 */
import type { EventTime } from "../../events/event.js";

/** What prevalence is measured for: an image (hash, else path), its path, a command line. */
export const PREVALENCE_KINDS = ["image", "image-path", "command-line"] as const;
export type PrevalenceKind = (typeof PREVALENCE_KINDS)[number];

/** One value's fleet-wide spread. */
export interface FleetSighting {
  /** Distinct hosts (a lower bound when the value was written several ways) */
  readonly hosts: number;
  readonly events: number;
  readonly firstSeen: EventTime | undefined;
  readonly lastSeen: EventTime | undefined;
}

/** Fleet-wide prevalence, keyed as the history analyzer keys its own tables. */
export interface FleetPrevalence {
  /** A name for finding details (`store`) */
  readonly source: string;
  /** Hosts with process data across the fleet, when known */
  population(): number | undefined;
  /**
   * The fleet sighting of a key: for `image` an identity (`sha256:<HEX>`, `path:<normalized path>`),
   * for `image-path` a normalized path, for `command-line` a normalized command line.
   */
  lookup(kind: PrevalenceKind, key: string): FleetSighting | undefined;
}
