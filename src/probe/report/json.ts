import type { ProbeReport } from './model.js';

/** The report as it is: the shape `probe --import` reads back. */
export const renderJson = (report: ProbeReport): string => `${JSON.stringify(report, null, 2)}\n`;
