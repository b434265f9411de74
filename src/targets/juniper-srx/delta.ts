import { singleFileDelta } from '../kit/delta.js';
import { type SetSyntax, setStyleDelta } from '../kit/set-style-delta.js';

/** Junos SRX `set` statements: zone-pair and global policies, then address books, applications and zones. */
export const SRX_SET: SetSyntax = {
  name: 'Junos SRX',
  rules: /^(security policies (?:from-zone \S+ to-zone \S+|global) policy \S+)/,
  objects:
    /^(security address-book \S+ (?:address-set|address) \S+|applications (?:application-set|application) \S+|security zones security-zone \S+)/,
};

/** An SRX from one generated `set` file to another (kit/set-style-delta.ts). */
export const srxDelta = singleFileDelta('.junos.set', 'junos.set', (a, b, firewall, way) =>
  setStyleDelta(a, b, firewall, SRX_SET, way),
);
