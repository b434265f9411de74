import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { BindingItem, Site } from '../model/site.js';
import { type Text, text } from '../model/text.js';
import { validZones, zoneSpan } from '../model/zones.js';
import { createPrefixMatcher, parseCidrBounds } from '../net/index.js';
import { type Locate, placeText } from './refs.js';
import { type AddressParser, addressParser } from './site-addresses.js';

/**
 * Where things are, checked before any rule is placed: a network in one zone only, a host where its address says,
 * a firewall between distinct zones with one interface for each. Each of these was once a silent choice (the
 * default zone, the first firewall, no interface match) that widened or misplaced rules.
 */
export function checkTopology(site: Site, locate?: Locate, parse: AddressParser = addressParser()): Issue[] {
  const issues: Issue[] = [...sameCidrTwice(site, locate)];
  const zones = validZones(site);
  // No zone network (zones bound by name): no address can span zones or sit in another zone than its host names.
  if (Object.values(zones).some((z) => z.cidrs.length > 0)) issues.push(...checkPlacement(site, zones, parse));
  site.firewalls.forEach((fw, i) => {
    issues.push(...checkFirewall(site, fw, i));
  });
  return issues;
}

/** Addresses of hosts, groups and role bindings against the zones' networks: spanning several, or in another zone. */
function checkPlacement(site: Site, zones: Site['zones'], parse: AddressParser): Issue[] {
  const span = zoneSpan(zones);
  const inZoneCidrs = createPrefixMatcher(
    Object.entries(zones).flatMap(([name, z]) => z.cidrs.map((cidr) => ({ cidr, value: name }))),
  );
  const spans = (written: string, path: () => YamlPath, what: Text, a = parse(written)): Issue[] => {
    if (!a.ok || a.value.kind !== 'cidr') return [];
    const found = span(a.value.value);
    if (found.length < 2) return [];
    return [
      issue(
        'invalid-address',
        path(),
        text(
          `${what.fr} : ${written} couvre les zones ${found.map((z) => zoneName(z, 'fr')).join(', ')}, ses règles ne seraient donc placées que sur le chemin de l’une d’elles`,
          `${what.en}: ${written} spans zones ${found.map((z) => zoneName(z, 'en')).join(', ')}, so its rules would be placed on the path of one of them only`,
        ),
        text(
          'un réseau par zone (liez les zones par leur nom, ou déclarez un hôte par zone et groupez-les)',
          `use one network per zone (bind the zones by name, or declare one host per zone and group them)`,
        ),
      ),
    ];
  };
  const issues: Issue[] = [];
  for (const [name, host] of Object.entries(site.hosts)) {
    const list = host.address === undefined ? [] : Array.isArray(host.address) ? host.address : [host.address];
    list.forEach((address, i) => {
      // Built only for an issue: a site has thousands of addresses.
      const path = (): YamlPath => ['hosts', name, 'address', ...(Array.isArray(host.address) ? [i] : [])];
      const a = parse(address);
      const spanning = spans(address, path, text(`hôte "${name}"`, `host "${name}"`), a);
      issues.push(...spanning);
      if (spanning.length > 0 || host.zone === undefined || !(host.zone in site.zones)) return;
      const placed = a.ok && a.value.kind === 'cidr' ? inZoneCidrs(a.value.value) : undefined;
      if (placed !== undefined && placed !== host.zone)
        issues.push(
          issue(
            'invalid-value',
            ['hosts', name, 'zone'],
            text(
              `l’hôte "${name}" indique la zone "${host.zone}" mais son adresse ${address} est dans la zone "${placed}"`,
              `host "${name}" says zone "${host.zone}" but its address ${address} is in zone "${placed}"`,
            ),
            text(
              'supprimez zone: (l’adresse place l’hôte), ou corrigez l’adresse ou les cidrs des zones',
              `remove zone: (the address places the host), or correct the address or the zones' cidrs`,
            ),
          ),
        );
    });
  }
  for (const [name, members] of Object.entries(site.groups)) {
    members.forEach((m, i) => {
      if (!isName(site, m))
        issues.push(...spans(m, () => ['groups', name, i], text(`groupe "${name}"`, `group "${name}"`)));
    });
  }
  site.catalogs.forEach((use, c) => {
    for (const [role, binding] of Object.entries(use.roles)) {
      const items: [BindingItem, YamlPath][] = Array.isArray(binding)
        ? binding.map((b, i) => [b, ['catalogs', c, 'roles', role, i]])
        : [[binding as BindingItem, ['catalogs', c, 'roles', role]]];
      for (const [item, path] of items) {
        if (typeof item === 'string' && !isName(site, item))
          issues.push(...spans(item, () => path, text(`rôle "${role}"`, `role "${role}"`)));
      }
    }
  });
  return issues;
}

const zoneName = (z: string, lang: 'fr' | 'en'): string =>
  z !== '' ? z : lang === 'fr' ? '(aucune zone)' : '(no zone)';

const isName = (site: Site, name: string): boolean => name in site.hosts || name in site.groups || name in site.zones;

/** One network in two zones: the longest-prefix match would give it to the first, silently. */
function sameCidrTwice(site: Site, locate?: Locate): Issue[] {
  const first = new Map<string, { zone: string; path: YamlPath }>();
  const issues: Issue[] = [];
  for (const [name, zone] of Object.entries(site.zones)) {
    zone.cidrs.forEach((cidr, i) => {
      const b = parseCidrBounds(cidr, true);
      if (!b.ok) return;
      const key = `${b.value.family}:${b.value.first.join('.')}-${b.value.last.join('.')}`;
      const path: YamlPath = ['zones', name, 'cidrs', i];
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { zone: name, path });
        return;
      }
      if (seen.zone === name) return;
      issues.push(
        issue(
          'invalid-cidr',
          path,
          text(
            `les zones "${seen.zone}" et "${name}" contiennent toutes deux ${cidr} (à ${placeText(seen.path, locate)} et à ${placeText(path, locate)})`,
            `zones "${seen.zone}" and "${name}" both hold ${cidr} (at ${placeText(seen.path, locate)} and ${placeText(path, locate)})`,
          ),
          text(
            'un réseau appartient à une seule zone : retirez-le de l’une d’elles, ou découpez-le en réseaux plus petits',
            'a network belongs to one zone: remove it from one of them, or split it into smaller networks',
          ),
        ),
      );
    });
  }
  return issues;
}

function checkFirewall(site: Site, fw: Site['firewalls'][number], index: number): Issue[] {
  const base: YamlPath = ['firewalls', index];
  const issues: Issue[] = [];
  fw.zones.forEach((zone, j) => {
    if (fw.zones.indexOf(zone) === j) return;
    issues.push(
      issue(
        'invalid-value',
        [...base, 'zones', j],
        text(
          `le pare-feu "${fw.name}" liste deux fois la zone "${zone}" : un pare-feu ne sépare pas une zone d’elle-même`,
          `firewall "${fw.name}" lists zone "${zone}" twice: a firewall does not separate a zone from itself`,
        ),
        text(
          'listez une seule fois chaque zone qu’il sépare (le trafic interne à une zone ne traverse aucun pare-feu)',
          'list each zone it separates once (traffic inside one zone crosses no firewall)',
        ),
      ),
    );
  });
  const named = Object.keys(fw.interfaces);
  if (named.length > 0) {
    // A zone without its interface gets rules with no interface match: wider than the others.
    for (const zone of new Set(fw.zones)) {
      if (zone in fw.interfaces || !(zone in site.zones)) continue;
      issues.push(
        issue(
          'invalid-value',
          [...base, 'interfaces'],
          text(
            `le pare-feu "${fw.name}" sépare la zone "${zone}" mais ne lui nomme aucune interface : ses règles correspondraient à n’importe quelle interface`,
            `firewall "${fw.name}" separates zone "${zone}" but names no interface for it, so its rules would match any interface`,
          ),
          text(
            `ajoutez "${zone}: <interface>" sous interfaces (chaque zone que le pare-feu sépare en demande une)`,
            `add "${zone}: <interface>" under interfaces (every zone the firewall separates needs one)`,
          ),
        ),
      );
    }
  }
  for (const [zone, name] of Object.entries(fw.interfaces)) {
    const path: YamlPath = [...base, 'interfaces', zone];
    // With a misspelt zone in the list, "not separated" would only echo the misspelling: reported once, there.
    if (zone in site.zones && !fw.zones.includes(zone) && fw.zones.every((z) => z in site.zones))
      issues.push({
        ...issue(
          'invalid-value',
          path,
          text(
            `le pare-feu "${fw.name}" a une interface pour la zone "${zone}", qu’il ne sépare pas`,
            `firewall "${fw.name}" has an interface for zone "${zone}", which it does not separate`,
          ),
          text(
            `ajoutez "${zone}" à ses zones, ou supprimez cette interface`,
            `add "${zone}" to its zones, or remove this interface`,
          ),
        ),
        at: 'key',
      });
    // No platform takes these in a name; in a config they could end a string or a line and start a new statement.
    const hostile = [...name].find((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || `"'\`\\`.includes(c));
    if (hostile !== undefined)
      issues.push(
        issue(
          'invalid-value',
          path,
          text(
            `pare-feu "${fw.name}" : l’interface de la zone "${zone}" contient ${describeChar(hostile).fr}`,
            `firewall "${fw.name}": the interface of zone "${zone}" contains ${describeChar(hostile).en}`,
          ),
          text(
            'un nom d’interface s’écrit en lettres, chiffres et quelques signes comme "-", "_", ".", "/" ou ":"',
            'an interface name is letters, digits and a few signs such as "-", "_", ".", "/" or ":"',
          ),
        ),
      );
    // `eth0, eth1` or `eth0 eth1`: a list written as one name. Other odd characters are the platform's to refuse.
    const parts = name.split(/[ \t]*[,;][ \t]*|[ \t]+/);
    if (parts.length > 1 && parts.every((p) => /^[\w.@*+-]+$/.test(p)))
      issues.push(
        issue(
          'invalid-value',
          path,
          text(
            `le pare-feu "${fw.name}" donne ${parts.length} interfaces à la zone "${zone}" (${parts.join(', ')}) : une zone a une seule interface`,
            `firewall "${fw.name}" gives zone "${zone}" ${parts.length} interfaces (${parts.join(', ')}): one zone has one interface`,
          ),
          text(
            'nommez une seule interface (ou, sur les cibles Linux, un préfixe comme "eth*" pour toutes les interfaces dont le nom commence ainsi), ou coupez la zone en deux',
            'name one interface (or, on Linux targets, a prefix such as "eth*" for every interface whose name starts so), or split the zone in two',
          ),
        ),
      );
  }
  return issues;
}

function describeChar(c: string): Text {
  if (c === '\n') return text('un saut de ligne', 'a line break');
  if (c === '\t') return text('une tabulation', 'a tab');
  if (/["'`]/.test(c)) return text(`un guillemet (${c})`, `a quote (${c})`);
  if (c === '\\') return text('une barre oblique inverse', 'a backslash');
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return text(`le caractère de contrôle ${code}`, `the control character ${code}`);
}
