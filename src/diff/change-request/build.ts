import type { Finding } from '../../model/finding.js';
import type { MatrixRow } from '../../model/matrix.js';
import { isTargetId, targets } from '../../targets/index.js';
import type { RuleDelta } from '../delta/types.js';
import type { ChangeClass, MatrixDiff, RowChange } from '../types.js';

/** What a change advisory board reads: the request, what it opens and closes, its risk, how to do and undo it. */
export interface ChangeRequest {
  readonly diff: MatrixDiff;
  readonly requester?: string;
  readonly justification?: string;
  /** Rows opened, closed or widened (the ones a board decides on), with their source-document reference. */
  readonly rows: readonly RowChange[];
  /** NEW's audit findings on rows that are opened or widened: the risk this change adds. */
  readonly findings: readonly Finding[];
  readonly deltas: readonly RuleDelta[];
  /** Deltas that could not be computed (a side that does not generate), said rather than left out. */
  readonly deltaErrors: readonly string[];
  readonly verification: readonly VerificationStep[];
}

export interface VerificationStep {
  readonly row?: string;
  readonly command: string;
}

export interface ChangeRequestInput {
  readonly diff: MatrixDiff;
  readonly findings: readonly Finding[];
  readonly deltas: readonly RuleDelta[];
  readonly deltaErrors?: readonly string[];
  readonly requester?: string;
  readonly justification?: string;
  /** How the user names NEW's site file in commands (verification steps); absent for a matrix JSON. */
  readonly sitePath?: string;
}

const DECIDED: readonly ChangeClass[] = ['opened', 'closed', 'widened', 'weakened'];
const NEW_RISK: readonly ChangeClass[] = ['opened', 'widened', 'weakened'];

/** Pure: the change request from the diff, NEW's findings and the deltas. */
export function buildChangeRequest(input: ChangeRequestInput): ChangeRequest {
  const rows = input.diff.changes.filter((c) => c.classes.some((k) => DECIDED.includes(k)));
  const risky = new Set(
    input.diff.changes.filter((c) => c.classes.some((k) => NEW_RISK.includes(k))).map((c) => c.key),
  );
  const findings = input.findings.filter((f) => f.key !== undefined && risky.has(f.key) && !f.suppressed);
  const site = input.sitePath ?? 'SITE.yaml';
  const opened = input.diff.changes.filter(
    (c) => c.after && c.classes.some((k) => NEW_RISK.includes(k) || k === 'moved'),
  );
  const verification: VerificationStep[] = [
    // Run from a host of the source role: a probe opens real connections from where it runs.
    ...opened.map((c) => {
      const r = c.after as MatrixRow;
      return {
        row: c.key,
        command: `flowmatrix probe ${site} --from ${r.source.role} --only ${r.catalog}.${r.flow}   # ${probeHint(r)}`,
      };
    }),
    ...input.deltas.map((d) => ({
      command: `flowmatrix verify ${site} --firewall ${d.firewall} --config ${configHint(d.platform, d.firewall)}`,
    })),
  ];
  return {
    diff: input.diff,
    ...(input.requester ? { requester: input.requester } : {}),
    ...(input.justification ? { justification: input.justification } : {}),
    rows,
    findings,
    deltas: input.deltas,
    deltaErrors: input.deltaErrors ?? [],
    verification,
  };
}

/** `from web to sql tcp/1433`: what the probe checks, for a reader of the document. */
const probeHint = (r: MatrixRow): string =>
  `${r.source.role} → ${r.destination.role} ${r.services.map((s) => (s.ports.length ? `${s.protocol}/${s.ports.map((p) => (p.from === p.to ? p.from : `${p.from}-${p.to}`)).join(',')}` : s.protocol)).join(' ')}`;

/** The file the device gives for verify (the command that writes it), as its target says. */
const configHint = (platform: string, firewall: string): string =>
  (isTargetId(platform) ? targets[platform].configHint?.(firewall) : undefined) ?? `${firewall}.cfg`;
