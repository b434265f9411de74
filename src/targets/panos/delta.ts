import { singleFileDelta } from '../kit/delta.js';
import { type SetSyntax, setStyleDelta } from '../kit/set-style-delta.js';

/** PAN-OS `set` statements: security rules, then the objects they name. */
export const PANOS_SET: SetSyntax = {
  name: 'PAN-OS',
  rules: /^(rulebase security rules \S+)/,
  objects: /^((?:address-group|address|service-group|service|application-group|application) \S+)/,
};

/** A PAN-OS firewall from one generated `set` file to another (kit/set-style-delta.ts). */
export const panosDelta = singleFileDelta('.panos.set', 'panos.set', (a, b, firewall, way) =>
  setStyleDelta(a, b, firewall, PANOS_SET, way),
);
