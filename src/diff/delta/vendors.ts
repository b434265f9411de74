import type { TargetOutput } from '../../targets/generate/target.js';
import { asaDelta } from './asa.js';
import { fortiosDelta } from './fortios.js';
import { PANOS_SET, SRX_SET, setStyleDelta } from './set-style.js';
import type { DeltaText } from './types.js';

/** The vendor platforms with an incremental delta: the file each target writes and how to compare two of them. */
export const VENDOR_DELTAS = {
  'cisco-asa': { ext: '.asa.cfg', delta: asaDelta },
  panos: { ext: '.panos.set', delta: (a: string, b: string, f: string) => setStyleDelta(a, b, f, PANOS_SET) },
  fortios: { ext: '.fortios.conf', delta: fortiosDelta },
  'juniper-srx': { ext: '.junos.set', delta: (a: string, b: string, f: string) => setStyleDelta(a, b, f, SRX_SET) },
} as const satisfies Record<string, { ext: string; delta: (a: string, b: string, firewall: string) => DeltaText }>;

export function vendorDelta(
  platform: keyof typeof VENDOR_DELTAS,
  a: TargetOutput,
  b: TargetOutput,
  firewall: string,
): DeltaText | undefined {
  const { ext, delta } = VENDOR_DELTAS[platform];
  const x = a.artifacts.find((art) => art.path.endsWith(ext))?.content;
  const y = b.artifacts.find((art) => art.path.endsWith(ext))?.content;
  return x === undefined || y === undefined ? undefined : delta(x, y, firewall);
}
