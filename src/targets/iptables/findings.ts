import { defineFindings } from '../kit/findings.js';

/** What iptables reports of its own: nothing yet, the generate stage's findings cover it (generate/findings.ts). */
export const iptablesFindings = defineFindings('iptables', {});
