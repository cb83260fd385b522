/** A one-line progress bar on stderr; on a non-terminal it prints a line every 10 %. */
export class ProgressBar {
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, detail = ''): void {
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      this.stream.write(
        `\r${this.label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${detail}   `,
      );
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.label} ${decile * 10}% ${detail}\n`);
    }
  }

  finish(detail = ''): void {
    this.update(this.total, detail);
    if (this.stream.isTTY) this.stream.write('\n');
    this.stream.write(
      `${this.label} done in ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`,
    );
  }
}
