/**
 * Where command output goes: stdout with backpressure and a clean stop when the reader goes away
 * (`mikiwame dump … | head`). Input: text chunks. Output: writes to the stream; after EPIPE (or any
 * write error) further writes are dropped and `closed` is true, so the command can stop reading.
 */

export class TextSink {
  private closedBy: Error | undefined;

  /**
   * @param stream where to write (process.stdout)
   * @param onClose called once when the stream can no longer be written (EPIPE or another error)
   */
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onClose: () => void = () => {},
  ) {
    stream.on("error", (e: Error) => this.close(e));
  }

  private close(e: Error): void {
    if (this.closedBy) return;
    this.closedBy = e;
    this.onClose();
  }

  /** True when the output is a terminal (values must then be escaped) */
  get isTTY(): boolean {
    return (this.stream as { isTTY?: boolean }).isTTY === true;
  }

  /** True once the stream failed or the reader went away. */
  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** The write error, unless it was only the reader going away (EPIPE). */
  get failure(): Error | undefined {
    const code = (this.closedBy as { code?: unknown } | undefined)?.code;
    return code === "EPIPE" ? undefined : this.closedBy;
  }

  /** Writes `text`; resolves when the stream can take more. */
  async write(text: string): Promise<void> {
    if (this.closed || text === "") return;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("error", done);
        this.stream.off("close", done);
        resolve();
      };
      this.stream.on("drain", done);
      this.stream.on("error", done);
      this.stream.on("close", done);
    });
  }
}
