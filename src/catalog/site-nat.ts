import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import type { NatRule } from '../model/nat.js';
import type { Site } from '../model/site.js';
import type { NatEntry } from '../model/site-nat.js';
import { type Lang, text } from '../model/text.js';
import { validZones, zoneLocator } from '../model/zones.js';
import { parseAddress } from '../net/index.js';

/**
 * The site's `firewalls[].nat` resolved to addresses and zones, with every problem placed on the value that causes
 * it. Only translations without problems are kept: a translation the checks refuse never reaches a rule.
 */
export interface ResolvedNat {
  readonly byFirewall: ReadonlyMap<string, readonly NatRule[]>;
  readonly issues: readonly Issue[];
}

/** `203.0.113.10` (or `/32`, `/128`) → the address and its family; anything wider is not one address. */
export function singleIp(text: string): { ip: string; family: 4 | 6 } | undefined {
  const a = parseAddress(text);
  if (!a.ok || a.value.kind !== 'cidr') return undefined;
  const [ip, len] = a.value.value.split('/') as [string, string];
  const full = a.value.family === 4 ? '32' : '128';
  return len === full ? { ip, family: a.value.family } : undefined;
}

export function resolveNat(site: Site): ResolvedNat {
  if (!site.firewalls.some((f) => (f.nat?.length ?? 0) > 0)) return { byFirewall: new Map(), issues: [] };
  // Zone networks the zone checks refuse are left out here (those checks report them).
  const zones = validZones(site);
  const locate = zoneLocator(zones);
  const zoneOfIp = (ip: string): string => {
    const a = parseAddress(ip);
    return a.ok ? locate.zoneOf(a.value) : '';
  };
  const issues: Issue[] = [];
  const byFirewall = new Map<string, NatRule[]>();
  site.firewalls.forEach((fw, f) => {
    const rules: NatRule[] = [];
    (fw.nat ?? []).forEach((entry, n) => {
      const base: YamlPath = ['firewalls', f, 'nat', n];
      const found: Issue[] = [];
      const rule = resolveEntry(site, fw.zones, fw.name, entry, base, zoneOfIp, found);
      issues.push(...found);
      if (rule && found.length === 0) {
        const clash = rules.find((r) => conflicts(r, rule));
        if (clash) {
          issues.push(
            issue(
              'conflicting-definition',
              base,
              text(
                `pare-feu "${fw.name}" : nat[${n}] chevauche nat[${clash.index}] (${describe(clash, 'fr')}) : un paquet correspondrait aux deux`,
                `firewall "${fw.name}": nat[${n}] overlaps nat[${clash.index}] (${describe(clash)}): a packet would match both`,
              ),
              text(
                'gardez une seule translation par adresse et port publics, par adresse privée et par couple de zones',
                'keep one translation per public address and port, per private address, and per zone pair',
              ),
            ),
          );
        } else rules.push(rule);
      }
    });
    if (rules.length > 0) byFirewall.set(fw.name, rules);
  });
  return { byFirewall, issues };
}

function resolveEntry(
  site: Site,
  fwZones: readonly string[],
  fwName: string,
  entry: NatEntry,
  base: YamlPath,
  zoneOfIp: (ip: string) => string,
  issues: Issue[],
): NatRule | undefined {
  const zoneKnown = (zone: string, field: string): boolean => {
    if (!(zone in site.zones)) {
      const known = Object.keys(site.zones);
      issues.push(
        issue(
          'unknown-zone',
          [...base, field],
          text(`nat : zone inconnue "${zone}"`, `nat: unknown zone "${zone}"`),
          didYouMeanText(zone, known) ??
            text(
              `déclarez-la sous "zones" ou choisissez parmi : ${known.join(', ')}`,
              `declare it under "zones" or use one of: ${known.join(', ')}`,
            ),
        ),
      );
      return false;
    }
    if (!fwZones.includes(zone)) {
      issues.push(
        issue(
          'invalid-value',
          [...base, field],
          text(
            `nat : le pare-feu "${fwName}" ne touche pas la zone "${zone}"`,
            `nat: firewall "${fwName}" does not touch zone "${zone}"`,
          ),
          text(
            `un pare-feu ne translate que le trafic qu’il porte : utilisez l’une de ses zones (${fwZones.join(', ')})`,
            `a firewall translates only traffic it carries: use one of its zones (${fwZones.join(', ')})`,
          ),
        ),
      );
      return false;
    }
    return true;
  };
  if (entry.type === 'source') {
    const okZones = zoneKnown(entry.from, 'from') && zoneKnown(entry.to, 'to');
    if (entry.from === entry.to)
      issues.push(
        issue(
          'invalid-value',
          [...base, 'to'],
          text('nat : from et to sont la même zone', 'nat: from and to are the same zone'),
          text('nommez deux zones', 'name two zones'),
        ),
      );
    if ((entry.address === undefined) === (entry.masquerade !== true)) {
      issues.push(
        issue(
          'invalid-value',
          base,
          text(
            'nat : une translation de source donne soit address, soit masquerade: true',
            'nat: a source translation gives either address or masquerade: true',
          ),
          text(
            'address: 203.0.113.1 pour une adresse fixe, masquerade: true pour l’adresse de l’interface de sortie',
            'address: 203.0.113.1 for a fixed address, masquerade: true for the outgoing interface address',
          ),
        ),
      );
      return undefined;
    }
    let address: { ip: string; family: 4 | 6 } | undefined;
    if (entry.address !== undefined) {
      address = singleIp(entry.address);
      if (!address) {
        issues.push(
          issue(
            'invalid-address',
            [...base, 'address'],
            text(
              `nat : "${entry.address}" n’est pas une adresse IP unique`,
              `nat: "${entry.address}" is not one IP address`,
            ),
            text('écrivez une seule adresse, comme 203.0.113.1', 'write one address such as 203.0.113.1'),
          ),
        );
        return undefined;
      }
    }
    if (!okZones) return undefined;
    return {
      type: 'source',
      index: base[3] as number,
      from: entry.from,
      to: entry.to,
      ...(address ? { address: address.ip, family: address.family } : { masquerade: true as const }),
    };
  }
  const pub = singleIp(entry.public);
  if (!pub) {
    issues.push(
      issue(
        'invalid-address',
        [...base, 'public'],
        text(`nat : "${entry.public}" n’est pas une adresse IP unique`, `nat: "${entry.public}" is not one IP address`),
        text('écrivez une seule adresse publique, comme 203.0.113.10', 'write one public address such as 203.0.113.10'),
      ),
    );
    return undefined;
  }
  const publicZone = zoneOfIp(pub.ip);
  if (site.zones[publicZone]?.kind === 'internal') {
    issues.push(
      issue(
        'invalid-address',
        [...base, 'public'],
        text(
          `nat : l’adresse publique ${pub.ip} est dans la zone interne "${publicZone}"`,
          `nat: public address ${pub.ip} lies in internal zone "${publicZone}"`,
        ),
        text(
          'l’adresse publique est celle qu’utilise l’extérieur : donnez une adresse de la zone externe (ou corrigez les cidrs des zones)',
          'the public address is the one the outside uses: give an address of the external zone (or correct the zones’ cidrs)',
        ),
      ),
    );
    return undefined;
  }
  const insideField = entry.type === 'static' ? 'private' : 'to';
  const inside = insideAddress(
    site,
    entry.type === 'static' ? entry.private : entry.to,
    pub.family,
    [...base, insideField],
    issues,
  );
  if (!inside) return undefined;
  const insideZone = inside.zone ?? zoneOfIp(inside.ip);
  if (!fwZones.includes(publicZone)) {
    issues.push(
      issue(
        'invalid-value',
        [...base, 'public'],
        text(
          `nat : l’adresse publique ${pub.ip} est dans la zone "${publicZone}", que le pare-feu "${fwName}" ne touche pas`,
          `nat: public address ${pub.ip} is in zone "${publicZone}", which firewall "${fwName}" does not touch`,
        ),
        text(
          `publiez sur le pare-feu qui fait face à "${publicZone}", ou corrigez les cidrs des zones`,
          `publish on the firewall that faces "${publicZone}", or correct the zones’ cidrs`,
        ),
      ),
    );
    return undefined;
  }
  if (!fwZones.includes(insideZone) || insideZone === publicZone) {
    issues.push(
      issue(
        'invalid-value',
        [...base, insideField],
        text(
          `nat : ${inside.host ?? inside.ip} (zone "${insideZone || 'aucune'}") n’est pas derrière le pare-feu "${fwName}"`,
          `nat: ${inside.host ?? inside.ip} (zone "${insideZone || 'none'}") is not behind firewall "${fwName}"`,
        ),
        text(
          `l’hôte intérieur doit être dans l’une des autres zones du pare-feu (${fwZones.filter((z) => z !== publicZone).join(', ')})`,
          `the inside host must be in one of the firewall's other zones (${fwZones.filter((z) => z !== publicZone).join(', ')})`,
        ),
      ),
    );
    return undefined;
  }
  const host = inside.host ? { host: inside.host } : {};
  if (entry.type === 'static') {
    return {
      type: 'static',
      index: base[3] as number,
      family: pub.family,
      public: pub.ip,
      private: inside.ip,
      ...host,
      privateZone: insideZone,
      publicZone,
    };
  }
  if (entry.port !== undefined && entry.protocol === undefined) {
    issues.push(
      issue(
        'invalid-port',
        [...base, 'port'],
        text('nat : un port est donné sans son protocole', 'nat: a port is given without its protocol'),
        text('ajoutez protocol: tcp (ou udp)', 'add protocol: tcp (or udp)'),
      ),
    );
    return undefined;
  }
  if (entry.toPort !== undefined && entry.port === undefined) {
    issues.push(
      issue(
        'invalid-port',
        [...base, 'toPort'],
        text('nat : toPort est donné sans le port public', 'nat: toPort is given without the public port'),
        text('ajoutez port: (le port qu’utilisent les clients)', 'add port: (the port clients use)'),
      ),
    );
    return undefined;
  }
  return {
    type: 'destination',
    index: base[3] as number,
    family: pub.family,
    public: pub.ip,
    ...(entry.protocol ? { protocol: entry.protocol } : {}),
    ...(entry.port !== undefined ? { port: entry.port } : {}),
    to: inside.ip,
    ...host,
    ...(entry.toPort !== undefined && entry.toPort !== entry.port ? { toPort: entry.toPort } : {}),
    toZone: insideZone,
    publicZone,
  };
}

/** A host name with exactly one address of `family`, or one IP address. */
function insideAddress(
  site: Site,
  written: string,
  family: 4 | 6,
  path: YamlPath,
  issues: Issue[],
): { ip: string; host?: string; zone?: string } | undefined {
  const host = site.hosts[written];
  if (host) {
    const list = host.address === undefined ? [] : Array.isArray(host.address) ? host.address : [host.address];
    const ips = list.flatMap((a) => {
      const one = singleIp(a);
      return one && one.family === family ? [one.ip] : [];
    });
    if (ips.length !== 1) {
      issues.push(
        issue(
          'invalid-address',
          path,
          ips.length === 0
            ? text(
                `nat : l’hôte "${written}" n’a aucune adresse IPv${family}`,
                `nat: host "${written}" has no IPv${family} address`,
              )
            : text(
                `nat : l’hôte "${written}" a plusieurs adresses IPv${family}`,
                `nat: host "${written}" has several IPv${family} addresses`,
              ),
          text(
            'une translation vise une seule adresse : donnez-en une à l’hôte, ou écrivez l’adresse elle-même',
            'a translation maps to one address: give the host one, or write the address itself',
          ),
        ),
      );
      return undefined;
    }
    return { ip: ips[0] as string, host: written, ...(host.zone ? { zone: host.zone } : {}) };
  }
  const ip = singleIp(written);
  if (ip && ip.family === family) return { ip: ip.ip };
  issues.push(
    ip
      ? issue(
          'invalid-address',
          path,
          text(
            `nat : ${written} est en IPv${ip.family} mais l’adresse publique est en IPv${family}`,
            `nat: ${written} is IPv${ip.family} but the public address is IPv${family}`,
          ),
          text('translatez au sein d’une même famille', 'translate within one family'),
        )
      : issue(
          'unknown-host',
          path,
          text(
            `nat : "${written}" n’est ni un hôte ni une adresse IP`,
            `nat: "${written}" is neither a host nor an IP address`,
          ),
          didYouMeanText(written, Object.keys(site.hosts)) ??
            text('nommez un hôte de "hosts" ou écrivez son adresse', 'name a host from "hosts" or write its address'),
        ),
  );
  return undefined;
}

const portsOverlap = (a: NatRule & { type: 'destination' }, b: NatRule & { type: 'destination' }): boolean =>
  a.protocol === undefined ||
  b.protocol === undefined ||
  (a.protocol === b.protocol && (a.port === undefined || b.port === undefined || a.port === b.port));

function conflicts(a: NatRule, b: NatRule): boolean {
  if (a.type === 'source' || b.type === 'source')
    return a.type === 'source' && b.type === 'source' && a.from === b.from && a.to === b.to;
  if (a.type === 'static' && b.type === 'static') return a.public === b.public || a.private === b.private;
  if (a.public !== b.public) return false;
  return (
    a.type === 'static' ||
    b.type === 'static' ||
    portsOverlap(a as NatRule & { type: 'destination' }, b as NatRule & { type: 'destination' })
  );
}

/** A translation in a few words, for messages and documents. */
export function describe(r: NatRule, lang: Lang = 'en'): string {
  const fr = lang === 'fr';
  if (r.type === 'source') return `source ${r.from} → ${r.to} ${fr ? 'en' : 'as'} ${r.address ?? 'masquerade'}`;
  if (r.type === 'static') return `${fr ? 'statique' : 'static'} ${r.public} ↔ ${r.private}`;
  const port = r.port === undefined ? '' : `:${r.port}`;
  const proto = r.protocol ? `${r.protocol} ` : '';
  return `destination ${proto}${r.public}${port} → ${r.to}${r.toPort === undefined ? port : `:${r.toPort}`}`;
}
