import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import { text } from '../model/text.js';
import { generate, isTargetId, targetIds, targets } from './index.js';

/**
 * What `generate` would refuse, found without writing anything: each firewall's platform must be a target, and its
 * rules must render there (interface names, unbound roles, …). `validate` runs this so that a site it accepts is
 * a site `generate` accepts. Issue paths point into the site file (`firewalls[i]…`), ready to be placed.
 */
export function preflight(matrix: Matrix): Issue[] {
  const issues: Issue[] = [];
  matrix.firewalls.forEach((fw, i) => {
    const unknown = unknownPlatform(matrix, i);
    if (unknown) {
      issues.push(unknown);
      return;
    }
    const r = generate(matrix, { firewall: fw.name });
    if (!r.ok) issues.push(...r.issues.map((x) => inSiteFile(matrix, x)));
  });
  return uniqueIssues(issues);
}

/** The issue for firewall `index` when its platform is no firewall target (at its `platform:`), else undefined. */
export function unknownPlatform(matrix: Pick<Matrix, 'firewalls'>, index: number): Issue | undefined {
  const fw = matrix.firewalls[index];
  if (!fw || (isTargetId(fw.platform) && targets[fw.platform].scope !== 'proxy')) return undefined;
  const firewallTargets = targetIds.filter((t) => targets[t].scope !== 'proxy');
  return issue(
    'target-unsupported',
    ['firewalls', index, 'platform'],
    text(
      `pare-feu "${fw.name}" : plateforme inconnue "${fw.platform}"`,
      `firewall "${fw.name}": unknown platform "${fw.platform}"`,
    ),
    didYouMeanText(fw.platform, firewallTargets) ??
      text(`plateformes : ${firewallTargets.join(', ')}`, `platforms: ${firewallTargets.join(', ')}`),
  );
}

/**
 * Targets name a firewall by name in issue paths (`firewalls.fw-edge.interfaces`); the site file lists them: the
 * path is rewritten with the firewall's index so the issue can be given a line and column.
 */
export function inSiteFile(matrix: Pick<Matrix, 'firewalls'>, x: Issue): Issue {
  const [head, name, ...rest] = x.path;
  if (head !== 'firewalls' || typeof name !== 'string') return x;
  const index = matrix.firewalls.findIndex((f) => f.name === name);
  if (index < 0) return x;
  const path: YamlPath = ['firewalls', index, ...rest];
  return { ...x, path };
}

/** One issue per place and message: a bad interface name is found once per rule that uses it. */
export function uniqueIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((x) => {
    const key = `${x.path.join('\u0000')}\u0001${x.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Issues about a firewall of the site get its line and column; the others (about matrix rows) name the file. Each
 * once: a bad interface name is found for every rule that uses it.
 */
export function placeInSite(
  place: (issues: readonly Issue[]) => Issue[],
  site: string,
  all: readonly Issue[],
): Issue[] {
  const issues = uniqueIssues(all);
  const inFile = (i: Issue) => !i.file && i.path[0] === 'firewalls' && typeof i.path[1] === 'number';
  return [
    ...place(issues.filter(inFile)),
    ...issues.filter((i) => !inFile(i)).map((i) => ({ ...i, file: i.file ?? site })),
  ];
}
