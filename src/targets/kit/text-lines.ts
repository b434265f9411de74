/**
 * The lines of a generated file, joined a few thousand at a time as they come. A 100k-term ruleset prints ~700k
 * lines: keeping every line's string until one final join held them all beside the file's text (bench/README.md,
 * "Generate speed and memory"); the pieces hold the same text in a few hundred strings.
 */
export class TextLines {
  private lines: string[] = [];
  private readonly pieces: string[] = [];

  /** A few lines given one by one; a list of any length goes to `addAll` (a spread of 100k+ arguments throws). */
  add(...lines: readonly string[]): void {
    this.addAll(lines);
  }

  addAll(lines: Iterable<string>): void {
    for (const line of lines) this.line(line);
  }

  line(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= PIECE_LINES) this.flush();
  }

  /** Every line added, separated by newlines (as `lines.join('\n')`). */
  text(): string {
    this.flush();
    return this.pieces.join('\n');
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.pieces.push(this.lines.join('\n'));
    this.lines = [];
  }
}

const PIECE_LINES = 4096;
