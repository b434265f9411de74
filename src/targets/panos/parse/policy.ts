import { fail, ok, type Result } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';
import type { PanosDocument, PanosRule } from './model.js';

/**
 * Which policy of the file a device enforces, and its security rules in the order the device meets them. A device
 * configuration has one vsys with rules, or the one `chosen` names (several and none chosen: refused, naming them).
 * A Panorama configuration's policy is its one leaf device group, or the one `chosen` names (`GROUP` or `GROUP/VSYS`): shared pre-rules, each ancestor's pre-rules (root first), the group's
 * pre-rules, then its post-rules, the ancestors' post-rules (nearest first), shared post-rules.
 */
export function pickPolicy(
  doc: PanosDocument,
  chosen?: string,
): Result<{ scope: string; rules: PanosRule[]; nat: PanosRule[] }> {
  const groups = [...doc.scopes.values()].filter((s) => s.name.startsWith('device-group '));
  const vsys = [...doc.scopes.values()].filter((s) => s.name !== 'shared' && !s.name.startsWith('device-group '));
  const hasRules = (scope: string) =>
    doc.rules.some((r) => r.scope === scope) || doc.nat.some((r) => r.scope === scope);
  let list = doc.rules;
  const inScope = (scope: string, rulebase: PanosRule['rulebase']) =>
    list.filter((r) => r.scope === scope && r.rulebase === rulebase);
  // Security and NAT rules of a policy come in the same order (pre, device, post), each rulebase on its own.
  const both = (order: () => PanosRule[]) => {
    list = doc.rules;
    const rules = order();
    list = doc.nat;
    const nat = order();
    return { rules, nat };
  };
  if (chosen !== undefined) {
    // `DEVICE-GROUP` or `DEVICE-GROUP/VSYS` (the vsys a device of the group runs it in: same rules) or `VSYS`.
    const [first = ''] = chosen.split('/');
    const group = groups.find((g) => g.name === `device-group ${first}`);
    const own = vsys.find((s) => s.name === chosen);
    if (!group && !own) {
      const names = [...groups.map((g) => g.name.slice('device-group '.length)), ...vsys.map((s) => s.name)];
      return fail([
        configIssue(
          doc.file,
          1,
          `--scope ${chosen}: the file has no such device group or vsys`,
          names.length > 0 ? `choose one of ${names.join(', ')}` : 'the file holds one policy: leave --scope out',
        ),
      ]);
    }
    if (own && !group)
      return ok({
        scope: own.name,
        ...both(() => [...inScope('shared', 'pre'), ...inScope(own.name, 'local'), ...inScope('shared', 'post')]),
      });
  }
  if (groups.length > 0) {
    const parents = new Set(groups.map((g) => g.parent));
    const leaves =
      chosen !== undefined
        ? groups.filter((g) => g.name === `device-group ${chosen.split('/')[0]}`)
        : groups.filter((g) => !parents.has(g.name) && (hasRules(g.name) || groups.length === 1));
    if (leaves.length > 1)
      return several(
        doc,
        'device groups',
        leaves.map((g) => g.name.slice('device-group '.length)),
      );
    const leaf = leaves[0];
    const ancestors: string[] = [];
    for (let s = leaf?.name; s !== undefined && s !== 'shared' && !ancestors.includes(s); s = doc.scopes.get(s)?.parent)
      ancestors.unshift(s);
    const order = () => [
      ...inScope('shared', 'pre'),
      ...ancestors.flatMap((s) => inScope(s, 'pre')),
      ...ancestors.flatMap((s) => inScope(s, 'local')),
      ...[...ancestors].reverse().flatMap((s) => inScope(s, 'post')),
      ...inScope('shared', 'post'),
    ];
    return ok({ scope: leaf?.name ?? 'shared', ...both(order) });
  }
  const withRules = vsys.filter((s) => hasRules(s.name));

  if (withRules.length > 1)
    return several(
      doc,
      'vsys',
      withRules.map((s) => s.name),
    );
  const scope = withRules[0]?.name ?? vsys[0]?.name ?? 'vsys1';
  return ok({
    scope,
    ...both(() => [...inScope('shared', 'pre'), ...inScope(scope, 'local'), ...inScope('shared', 'post')]),
  });
}

const several = (doc: PanosDocument, what: string, names: string[]) =>
  fail<never>([
    configIssue(
      doc.file,
      1,
      `the file holds the policies of several ${what} (${names.join(', ')})`,
      `choose the one to verify with --scope (${names.map((n) => `--scope ${n}`).join(', ')})`,
    ),
  ]);
