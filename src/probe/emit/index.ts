import type { ProbeSpec } from '../types.js';
import { emitBash } from './bash.js';
import type { EmitOptions } from './common.js';
import { emitPowerShell } from './powershell.js';

/** The script emitters of `flowmatrix probe --emit`, one per shell. */
export const scriptEmitters = {
  bash: emitBash,
  powershell: emitPowerShell,
} satisfies Record<string, (specs: readonly ProbeSpec[], options?: EmitOptions) => string>;
export type ScriptShell = keyof typeof scriptEmitters;

export const emitScript = (shell: ScriptShell, specs: readonly ProbeSpec[], options: EmitOptions): string =>
  scriptEmitters[shell](specs, options);
