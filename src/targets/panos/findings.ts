import { defineFindings } from '../kit/findings.js';

/** What panos reports of its own: nothing yet, the generate stage's findings cover it (generate/findings.ts). */
export const panosFindings = defineFindings('panos', {});
