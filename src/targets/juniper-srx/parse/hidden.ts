import type { Statement } from './statements.js';

/** What the configuration holds that the reader does not read, each with the line that brings it in. */
export interface HiddenConfiguration {
  /** Groups applied (`apply-groups`) that carry policies, addresses, applications, zones or NAT. */
  readonly groups: readonly { readonly name: string; readonly line: number }[];
  /** Logical systems and tenants that hold security policies of their own. */
  readonly systems: readonly { readonly label: string; readonly line: number }[];
}

/** Parts of the hierarchy the reader models: an inherited statement under one of them changes the verdicts. */
const MODELLED = [
  ['security', 'policies'],
  ['security', 'address-book'],
  ['security', 'zones'],
  ['security', 'nat'],
  ['applications'],
];

/** Predefined applications (Junos' own group); the reader has them in its table already. */
const BUILT_IN_GROUPS = new Set(['junos-defaults']);

const startsWith = (words: readonly string[], prefix: readonly string[]): boolean =>
  prefix.every((p, k) => words[k] === p || (words[k] ?? '').startsWith('<') || p.startsWith('<'));

/**
 * Configuration groups that `apply-groups` brings into what the reader models (inheritance, wildcards and the
 * order of inherited policies are not modelled), and the logical systems or tenants holding security policies.
 */
export function hiddenConfiguration(statements: readonly Statement[]): HiddenConfiguration {
  const groupBodies = new Map<string, (readonly string[])[]>();
  const applied: { name: string; path: readonly string[]; line: number }[] = [];
  const systems = new Map<string, number>();
  for (const s of statements) {
    const w = s.words;
    if (w[0] === 'groups' && w[1] !== undefined) {
      const bodies = groupBodies.get(w[1]) ?? [];
      groupBodies.set(w[1], bodies);
      bodies.push(w.slice(2));
      continue;
    }
    const k = w.indexOf('apply-groups');
    if (k >= 0 && w[k + 1] !== undefined)
      applied.push({ name: w[k + 1] as string, path: w.slice(0, k), line: s.lines[k] ?? 0 });
    if ((w[0] === 'logical-systems' || w[0] === 'tenants') && w[2] === 'security' && w[3] === 'policies') {
      const label = `${w[0]} ${w[1]}`;
      if (!systems.has(label)) systems.set(label, s.lines[0] ?? 0);
    }
  }
  const groups = applied.filter(
    ({ name, path }) =>
      !BUILT_IN_GROUPS.has(name) &&
      (groupBodies.get(name) ?? []).some((body) => startsWith(body, path) && MODELLED.some((m) => startsWith(body, m))),
  );
  return {
    groups: groups.map(({ name, line }) => ({ name, line })),
    systems: [...systems].map(([label, line]) => ({ label, line })),
  };
}
