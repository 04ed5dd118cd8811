/**
 * The exit codes of the `mikiwame` command (documented in docs/cli.md and in `mikiwame --help`).
 * Input: nothing. Output: the code table. Commands never pick numbers themselves.
 */
export const EXIT_CODES = {
  /** The command ran; no error-severity diagnostic (warnings may have been printed) */
  ok: 0,
  /** The command ran to the end, but the input had problems reported as errors */
  inputProblems: 1,
  /** Bad command line, invalid config.yaml or field-mapping file: nothing was read */
  usage: 2,
  /** An unexpected internal error (a bug: please report it) */
  internal: 3,
  /** Interrupted (Ctrl-C) */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit codes as help text. */
export const EXIT_CODES_HELP = `Exit codes:
  0    ok (warnings may have been printed)
  1    input problems: at least one error-severity diagnostic (unreadable or missing path,
       a named file of unknown format, a file that broke off, a malformed record, nothing readable)
  2    usage error: bad option or argument, invalid config.yaml or mapping file (nothing read)
  3    internal error (a bug: please report it)
  130  interrupted (Ctrl-C)`;
