import type { ProbeSpec } from '../types.js';
import { RESULTS_FORMAT } from './common.js';

/**
 * What a script carries besides its checks: the site, the source it stands for, and each spec's identity, title and
 * origin, printed ahead of the results. `probe --import` then renders a script's output with the same titles and
 * origins as a run here, from the plan the script was written from, without the site file (which may have changed
 * since). Options stay out: they hold file paths and proxy URLs a report does not need.
 */
export interface ScriptHeader {
  readonly site?: string;
  readonly source?: string;
}

const described = (s: ProbeSpec) => ({
  id: s.id,
  kind: s.kind,
  target: s.target,
  ...(s.port !== undefined ? { port: s.port } : {}),
  origin: s.origin,
  title: s.title,
  ...(s.dependsOn && s.dependsOn.length > 0 ? { dependsOn: s.dependsOn } : {}),
});

/** The JSON the script prints before its results array: `{"format":…,"site":…,"source":…,"probes":[…],"results":`. */
export function resultsPrefix(specs: readonly ProbeSpec[], header: ScriptHeader = {}): string {
  const head = JSON.stringify({
    format: RESULTS_FORMAT,
    ...(header.site !== undefined ? { site: header.site } : {}),
    ...(header.source !== undefined ? { source: header.source } : {}),
    probes: specs.map(described),
  });
  return `${head.slice(0, -1)},"results":`;
}
