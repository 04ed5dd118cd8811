/**
 * Sigma's logsource triple. Assigned once per event at normalize time from declarative mapping
 * data (src/normalize/mappings/logsources.json), following Sigma's Windows taxonomy.
 */
export interface Logsource {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
  /**
   * Every category the event belongs to, most generic first (`categories[0] === category`):
   * Sysmon 13 is `registry_event` and `registry_set`, so rules of either category see it.
   */
  readonly categories?: readonly string[];
}
