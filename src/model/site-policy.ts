import { z } from 'zod';
import { type PortSpec, parsePortSpec } from '../net/ports.js';
import { SEVERITIES } from './finding.js';
import { text } from './text.js';
import { pattern, refinement } from './zod-words.js';

/**
 * Shapes the site file gives the audit: `policy:` (which zone pairs may talk, and how) and `suppressions:`. Part of
 * the model (a site carries them); the audit reads them.
 */
export const ACCESS_TYPES = ['allow-all', 'block-all', 'allow-only', 'block-only'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

const SEVERITY = z.enum(SEVERITIES);

export const PolicyEntry = z
  .strictObject({
    /** Zone name, or `any` for every zone. */
    from: z.string().min(1),
    to: z.string().min(1),
    access: z.enum(ACCESS_TYPES),
    /** Port specs (`tcp/443`, `udp/1024-65535`, `icmp`) for `allow-only` and `block-only`. */
    services: z.array(z.string().min(1)).default([]),
    /** Severity of a violation. */
    severity: SEVERITY.default('high'),
    comment: z.string().optional(),
  })
  .refine(
    (p) => p.services.length > 0 || (p.access !== 'allow-only' && p.access !== 'block-only'),
    refinement(
      text(
        'allow-only et block-only demandent des services (par ex. services: [tcp/443])',
        'allow-only and block-only need services (e.g. services: [tcp/443])',
      ),
      ['services'],
    ),
  );
export const Policy = z.array(PolicyEntry);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const Suppression = z
  .strictObject({
    /** Rule id (`weak-auth`). */
    rule: z.string().min(1).optional(),
    /** Flow id, or `catalog/flow`. */
    flow: z.string().min(1).optional(),
    /** Matrix row key (as printed in the reports). */
    key: z.string().min(1).optional(),
    justification: z.string().min(1),
    owner: z.string().min(1),
    /** Last day the suppression holds, `YYYY-MM-DD`. YAML may read an unquoted date as a Date: both are accepted. */
    expires: z.union([
      z
        .string()
        .regex(...pattern(ISO_DATE, text('une date s’écrit AAAA-MM-JJ', 'expires is a date written YYYY-MM-DD'))),
      z.date().transform((d) => d.toISOString().slice(0, 10)),
    ]),
  })
  .refine(
    (s) => s.rule !== undefined || s.flow !== undefined || s.key !== undefined,
    refinement(
      text('une suppression nomme au moins rule, flow ou key', 'a suppression names at least one of rule, flow or key'),
    ),
  );
export const Suppressions = z.array(Suppression);

export type PolicyEntry = z.infer<typeof PolicyEntry>;
export type Suppression = z.infer<typeof Suppression>;

/** `tcp/443` or the zone-matrix tools' `tcp 443`; `any` for every protocol. */
export function parsePolicyService(
  text: string,
): { ok: true; value: PortSpec | 'any' } | { ok: false; message: string; fr: string } {
  const t = text.trim();
  if (/^any$/i.test(t)) return { ok: true, value: 'any' };
  const r = parsePortSpec(t.replace(/^([a-z0-9]+)\s+(?=\S)/i, '$1/'));
  return r.ok ? r : { ok: false, message: r.message, fr: r.fr?.message ?? r.message };
}
