import type { Lang } from '../model/text.js';

/** What a command may touch. Tests build one with in-memory streams; `main.ts` wires the process. */
export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars, colour). */
  readonly interactive: boolean;
}

export const EXIT = { ok: 0, checksFailed: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function colours(ctx: CliContext) {
  const on = ctx.interactive && ctx.env.NO_COLOR === undefined && ctx.env.TERM !== 'dumb';
  const wrap = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), yellow: wrap(33), green: wrap(32), bold: wrap(1), dim: wrap(2) };
}

export function langOf(value: string | undefined, ctx: CliContext): Lang {
  if (value === 'fr' || value === 'en') return value;
  const env = ctx.env.FLOWMATRIX_LANG ?? ctx.env.LANG ?? '';
  return env.startsWith('fr') ? 'fr' : 'en';
}

/** The day audits are made for: FLOWMATRIX_TODAY (reproducible runs), else the clock. `YYYY-MM-DD`. */
export const todayOf = (ctx: CliContext): string => ctx.env.FLOWMATRIX_TODAY ?? new Date().toISOString().slice(0, 10);
