import type { Artifact } from '../generate/target.js';

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

  /** `text()` in pieces, never joined: for a writer that streams it. */
  *chunks(): Generator<string> {
    this.flush();
    for (let i = 0; i < this.pieces.length; i++) {
      if (i > 0) yield '\n';
      yield this.pieces[i] as string;
    }
  }

  /**
   * The lines as a file: `content` joins them the first time it is read, `chunks` hands them out as they are (see
   * `Artifact.chunks`). No line may be added afterwards.
   */
  artifact(path: string, mediaType: string): Artifact {
    let text: string | undefined;
    const content = (): string => {
      text ??= this.text();
      return text;
    };
    // Defined in the order of a plain artifact's keys, so JSON and key order stay the same.
    return Object.defineProperties({} as Artifact, {
      path: { value: path, enumerable: true },
      content: { get: content, enumerable: true },
      mediaType: { value: mediaType, enumerable: true },
      chunks: { value: () => this.chunks(), enumerable: false },
    });
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.pieces.push(this.lines.join('\n'));
    this.lines = [];
  }
}

const PIECE_LINES = 4096;
