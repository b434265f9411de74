import type { Finding } from '../model/finding.js';
import type { Matrix } from '../model/matrix.js';
import type { Lang } from '../model/text.js';
import type { ProbeReport } from '../probe/report/model.js';
import type { VerifyReport } from '../verify/report.js';

export interface RenderOptions {
  readonly lang: Lang;
  readonly findings?: readonly Finding[];
  /** What `flowmatrix verify` said of firewalls in service (one report each): a verdict column and a verify table. */
  readonly verify?: readonly VerifyReport[];
  /** What `flowmatrix probe` found (`matrix --probe-results`): a status column and an opening-checks table. */
  readonly probe?: ProbeReport;
}

/** One document format: a pure function from a matrix to text (or bytes for binary formats). */
export interface DocumentFormat<O extends RenderOptions = RenderOptions> {
  readonly id: string;
  readonly extension: string;
  readonly mediaType: string;
  readonly binary: boolean;
  render(matrix: Matrix, options: O): string | Uint8Array | Promise<string | Uint8Array>;
  /**
   * The same text piece by piece, for documents that may outgrow one string (~512 MiB): joined, exactly what
   * `render` returns. Writers use it when present.
   */
  stream?(matrix: Matrix, options: O): Iterable<string>;
}

/** Identity helper that keeps each format's own options type while checking the common shape. */
export const defineFormat = <O extends RenderOptions>(format: DocumentFormat<O>): DocumentFormat<O> => format;
