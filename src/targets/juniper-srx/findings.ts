import { defineFindings } from '../kit/findings.js';

/** What juniper-srx reports of its own: nothing yet, the generate stage's findings cover it (generate/findings.ts). */
export const srxFindings = defineFindings('juniper-srx', {});
