import type { TargetOutput } from '../../targets/core/target.js';
import type { DeltaText } from './types.js';

export const VENDOR_DELTAS = {} as const;

export function vendorDelta(
  _p: keyof typeof VENDOR_DELTAS,
  _a: TargetOutput,
  _b: TargetOutput,
  _f: string,
): DeltaText | undefined {
  return undefined;
}
