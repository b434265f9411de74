import type { Finding } from '../../model/finding.js';
import type { MatrixRow } from '../../model/matrix.js';
import type { FirewallRule } from '../generate/rules.js';
import { pacFindings } from './findings.js';
import type { PacOptions } from './options.js';

/**
 * Microsoft's Get-PacFile: Type 1 sends the Optimize endpoints DIRECT, Type 2 the Optimize and Allow ones; the
 * rest of Microsoft 365 goes through the proxy. The category is read from the `ref` the importer writes
 * (`endpoint set 12 (Optimize)`, src/import/m365/catalog.ts).
 */
export type M365Type = NonNullable<PacOptions['m365Type']>;

const DIRECT: Record<M365Type, readonly string[]> = { 1: ['Optimize'], 2: ['Optimize', 'Allow'] };

const REF = /^endpoint set \d+(?: \((Optimize|Allow|Default)\))?$/;

/** `direct` / `proxy` for a row of an imported Microsoft 365 catalog; `unknown` when its ref has no category. */
export function m365Route(row: MatrixRow, type: M365Type): 'direct' | 'proxy' | 'unknown' | undefined {
  const m = REF.exec(row.ref);
  if (!m) return undefined;
  if (!m[1]) return 'unknown';
  return DIRECT[type].includes(m[1]) ? 'direct' : 'proxy';
}

/** Rows routed by the option, and what a reader must know about them. */
export function splitM365(
  proxied: readonly FirewallRule[],
  direct: readonly FirewallRule[],
  type: M365Type,
): { direct: FirewallRule[]; proxied: FirewallRule[]; findings: Finding[] } {
  const out = { direct: [] as FirewallRule[], proxied: [] as FirewallRule[], findings: [] as Finding[] };
  for (const rule of direct) {
    // The matrix sends it around the proxy (UDP beside TCP, proxy: never…); the type decides for the PAC file.
    if (m365Route(rule.row, type) === 'proxy') {
      out.proxied.push(rule);
      out.findings.push(routedFinding(rule, type, 'proxy'));
    } else out.direct.push(rule);
  }
  for (const rule of proxied) {
    const route = m365Route(rule.row, type);
    if (route === 'direct') {
      out.direct.push(rule);
      out.findings.push(routedFinding(rule, type, 'direct'));
    } else {
      if (route === 'unknown') out.findings.push(noCategory(rule, type));
      out.proxied.push(rule);
    }
  }
  return out;
}

const routedFinding = (rule: FirewallRule, type: M365Type, to: 'direct' | 'proxy'): Finding =>
  pacFindings.raise(to === 'direct' ? 'm365-direct' : 'm365-proxied', { row: rule.row, type });

const noCategory = (rule: FirewallRule, type: M365Type): Finding =>
  pacFindings.raise('m365-no-category', { row: rule.row, type });
