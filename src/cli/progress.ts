import { SingleBar } from 'cli-progress';
import type { CliContext } from './context.js';

/**
 * Stage progress on stderr for long work. A bar on a terminal; nothing when stderr is not a terminal
 * (CI logs, pipes) unless FLOWMATRIX_PROGRESS=1, which prints one line per stage instead.
 */
export class Stages {
  private readonly bar: SingleBar | undefined;
  private readonly lines: boolean;
  private done = 0;

  constructor(
    private readonly ctx: CliContext,
    private readonly total: number,
  ) {
    this.lines = !ctx.interactive && ctx.env.FLOWMATRIX_PROGRESS === '1';
    if (ctx.interactive) {
      this.bar = new SingleBar({
        format: ' {bar} {value}/{total} {stage}',
        stream: process.stderr,
        clearOnComplete: true,
        hideCursor: true,
      });
      this.bar.start(total, 0, { stage: '' });
    }
  }

  next(stage: string): void {
    if (this.bar) this.bar.update(this.done, { stage });
    else if (this.lines) this.ctx.err(`[${this.done + 1}/${this.total}] ${stage}\n`);
    this.done++;
  }

  stop(): void {
    if (this.bar) {
      this.bar.update(this.total);
      this.bar.stop();
    }
  }
}
