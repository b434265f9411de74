import { canonicalAddress, type ParsedPolicy, servicesFrom } from '../support/vendor-contract.js';

/**
 * A strict reader of the PAN-OS `set` commands we emit: each line must match one command form, each name a
 * definition seen earlier; anything else throws (no PAN-OS CLI exists here, this is the grammar check).
 */
const NAME = '[A-Za-z0-9][A-Za-z0-9_.-]{0,62}';
const LIST = `(${NAME}|\\[(?: ${NAME})+ \\])`;
const re = (s: string) => new RegExp(`^${s}$`);
const items = (list: string): string[] => (list.startsWith('[') ? list.slice(2, -2).split(' ') : [list]);

export function parsePanos(text: string): ParsedPolicy[] {
  const addresses = new Map<string, string>();
  const groups = new Map<string, string[]>();
  const services = new Map<string, { protocol: string; from: number; to: number }[]>();
  const policies: ParsedPolicy[] = [];
  const ruleNames = new Set<string>();
  const fresh = (name: string) => {
    if (addresses.has(name) || groups.has(name)) throw new Error(`duplicate address name ${name}`);
    return name;
  };
  const side = (list: string): 'any' | string[] => {
    if (list === 'any') return 'any';
    return items(list).flatMap((n) => {
      const group = groups.get(n);
      const members = group ?? [n];
      return members.map((x) => {
        const v = addresses.get(x);
        if (v === undefined) throw new Error(`undefined address ${x}`);
        return canonicalAddress(v);
      });
    });
  };
  const forms: [RegExp, (m: string[]) => void][] = [
    [
      re(`set address (${NAME}) (?:ip-netmask ([0-9a-f.:]+/\\d{1,3})|fqdn ([A-Za-z0-9.-]+))`),
      ([, n, ip, fqdn]) => addresses.set(fresh(n as string), (ip ?? fqdn) as string),
    ],
    [
      re(`set address-group (${NAME}) static ${LIST}`),
      ([, n, list]) => {
        const members = items(list as string);
        for (const x of members) if (!addresses.has(x)) throw new Error(`undefined address ${x}`);
        groups.set(fresh(n as string), members);
      },
    ],
    [
      re(`set service (${NAME}) protocol (tcp|udp) port (\\d+(?:-\\d+)?(?:,\\d+(?:-\\d+)?)*)`),
      ([, n, proto, ports]) => {
        if (services.has(n as string)) throw new Error(`duplicate service ${n}`);
        services.set(
          n as string,
          (ports as string).split(',').map((p) => {
            const [from, to = from] = p.split('-').map(Number) as [number, number?];
            if (!(from >= 1 && (to as number) <= 65535 && from <= (to as number))) throw new Error(`bad port ${p}`);
            return { protocol: proto as string, from, to: to as number };
          }),
        );
      },
    ],
    [
      re(
        `set rulebase security rules (${NAME}) from (${NAME}) to (${NAME}) source (any|${LIST}) destination (any|${LIST}) service ${LIST} application any action allow description "([^"\\\\]{0,1023})"`,
      ),
      ([, name, from, to, src, , dst, , svc, description]) => {
        if (ruleNames.has(name as string)) throw new Error(`duplicate rule ${name}`);
        ruleNames.add(name as string);
        const list = items(svc as string).flatMap((s) => {
          const found = services.get(s);
          if (!found) throw new Error(`undefined service ${s}`);
          return found;
        });
        policies.push({
          label: description as string,
          from: from as string,
          to: to as string,
          source: side(src as string),
          destination: side(dst as string),
          services: servicesFrom(list),
        });
      },
    ],
  ];
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('no final newline');
  for (const line of lines) {
    const form = forms.find(([r]) => r.test(line));
    if (!form) throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    form[1](line.match(form[0]) as string[]);
  }
  return policies;
}
