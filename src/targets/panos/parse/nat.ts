import type { Issue } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { makeRule, type NatTarget, type Provenance, type Rule } from '../../../ruleset/types.js';
import type { PanosDocument, PanosRule } from './model.js';
import type { Resolver } from './objects.js';
import { serviceParts } from './services.js';

/** The chain of the NAT rulebase in the neutral ruleset. */
export const NAT_CHAIN = 'nat';

const anyOf = (list: readonly string[]): boolean => list.length === 0 || list.includes('any');

/**
 * The NAT rulebase as the destination stage of the ruleset, in the form PAN-OS applies it: first match over every
 * NAT rule (a source-only rule a packet matches first keeps its destination as it is), matched on the original
 * packet and the zone its original destination lies in (`to`). A destination translation sends the packet to its
 * translated address and port; the security rules then match the *original* addresses and port with the zone of
 * the translated destination (`filterMatches: 'original'`). A static source translation with `bi-directional yes`
 * also translates, from any zone towards the rule's `to` zone, its translated address back to the source address
 * (modelled for one address to one address). Source translation changes nothing the security rules match.
 * What is not modelled — NAT64, NPTv6, a translated address given by name (FQDN), a bi-directional range, a rule
 * limited to an egress interface or a device — is kept as an uninterpreted rule or an unmodelled translation, so the
 * verdicts it could change are indeterminate, naming its line and the reason.
 */
export function lowerPanosNat(
  doc: PanosDocument,
  resolver: Resolver,
  nat: readonly PanosRule[],
  issues: Issue[],
): Rule[] {
  const out: Rule[] = [];
  for (const r of nat) {
    const f = (k: string) => r.fields.get(k) ?? [];
    if (f('disabled')[0] === 'yes') {
      issues.push({
        ...configIssue(doc.file, r.line, `NAT rule ${r.name} is disabled: not applied`),
        severity: 'warning',
      });
      continue;
    }
    const provenance: Provenance = {
      file: doc.file,
      line: r.line,
      text: r.text,
      comment: f('description')[0] ? `${r.name}: ${f('description')[0]}` : r.name,
    };
    const opaque = uninterpreted(r);
    const source = addresses(resolver, f('source'));
    const destination = addresses(resolver, f('destination'));
    const services = serviceParts(resolver, anyOf(f('service')) ? [] : f('service'), [], undefined);
    const translate = destinationTranslation(resolver, r);
    const from = anyOf(f('from')) ? undefined : f('from');
    const to = anyOf(f('to')) ? undefined : f('to');
    for (const s of source)
      for (const d of destination)
        for (const svc of services) {
          const reasons = [...opaque, ...(s.opaque ?? []), ...(d.opaque ?? []), ...(svc.opaque ?? [])];
          out.push(
            makeRule({
              fromZones: from,
              toZones: to,
              source: s.set,
              destination: d.set,
              protocols: svc.protocols,
              destinationPorts: svc.ports,
              sourcePorts: svc.sourcePorts,
              opaque: reasons.length > 0 ? [...new Set(reasons)] : undefined,
              verdict: { kind: 'accept' },
              translate,
              provenance,
            }),
          );
        }
    const reverse = reverseOfStatic(resolver, r, to, opaque, provenance);
    if (reverse) out.push(reverse);
  }
  return out;
}

interface Side {
  readonly set?: CidrSet;
  readonly opaque?: readonly string[];
}

/** A side of the original packet: the addresses stated, and an uninterpreted part for names not resolved here. */
function addresses(resolver: Resolver, members: readonly string[]): Side[] {
  if (anyOf(members)) return [{}];
  let set = CidrSet.empty();
  const opaque: string[] = [];
  for (const m of members) {
    const v = resolver.address(m);
    set = set.union(v.set);
    opaque.push(...v.opaque);
  }
  const parts: Side[] = [];
  if (!set.isEmpty() || opaque.length === 0) parts.push({ set });
  if (opaque.length > 0) parts.push({ opaque });
  return parts;
}

/** Matches of a NAT rule this reader does not interpret. */
function uninterpreted(r: PanosRule): string[] {
  const out: string[] = [];
  const toInterface = r.fields.get('to-interface')?.[0];
  if (toInterface !== undefined && toInterface !== 'any') out.push(`to-interface ${toInterface}`);
  if (r.target) {
    const devices = r.target.devices.join(', ');
    out.push(r.target.negate ? `applies to every device but ${devices}` : `applies only to devices ${devices}`);
  }
  const binding = r.fields.get('active-active-device-binding')?.[0];
  if (binding !== undefined && binding !== 'both') out.push(`active-active-device-binding ${binding}`);
  return out;
}

/** Where a destination translation sends the packet; undefined for a rule that keeps the destination. */
function destinationTranslation(resolver: Resolver, r: PanosRule): NatTarget | undefined {
  const type = r.fields.get('nat-type')?.[0];
  if (type === 'nat64' || type === 'nptv6') return { unmodelled: `${type} translation` };
  const head = r.fields.has('destination-translation')
    ? 'destination-translation'
    : r.fields.has('dynamic-destination-translation')
      ? 'dynamic-destination-translation'
      : undefined;
  if (!head) return undefined;
  const address = translated(resolver, r.fields.get(`${head} translated-address`) ?? []);
  if ('unmodelled' in address) return address;
  const port = r.fields.get(`${head} translated-port`)?.[0];
  if (port !== undefined && !/^\d+$/.test(port)) return { unmodelled: `translated port "${port}"` };
  return {
    ...(address.addresses ? { addresses: address.addresses } : {}),
    ...(port !== undefined ? { ports: PortSet.of(Number(port)) } : {}),
  };
}

/** A translated address: an IP, a network, a range or an address object (a name resolved in the rule's scope). */
function translated(resolver: Resolver, members: readonly string[]): { addresses?: CidrSet } | { unmodelled: string } {
  if (members.length === 0) return {};
  let set = CidrSet.empty();
  for (const m of members) {
    const literal = literalAddress(m);
    if (literal) {
      set = set.union(literal);
      continue;
    }
    const v = resolver.address(m);
    if (v.opaque.length > 0) return { unmodelled: `translated address ${m}: ${v.opaque.join(', ')}` };
    set = set.union(v.set);
  }
  return set.isEmpty()
    ? { unmodelled: `translated address ${members.join(', ')} names no address` }
    : { addresses: set };
}

function literalAddress(text: string): CidrSet | undefined {
  const range = /^([0-9a-fA-F.:]+)-([0-9a-fA-F.:]+)$/.exec(text);
  const r = range ? CidrSet.fromRange(range[1] as string, range[2] as string) : CidrSet.parse([text]);
  return r.ok ? r.value : undefined;
}

/**
 * The translation `bi-directional yes` adds to a static source translation: packets from any zone to its translated
 * address, towards the rule's destination zone, go to the source address.
 */
function reverseOfStatic(
  resolver: Resolver,
  r: PanosRule,
  to: readonly string[] | undefined,
  opaque: readonly string[],
  provenance: Provenance,
): Rule | undefined {
  if (r.fields.get('source-translation')?.[0] !== 'static-ip') return undefined;
  if (r.fields.get('source-translation bi-directional')?.[0] !== 'yes') return undefined;
  const outside = translated(resolver, r.fields.get('source-translation translated-address') ?? []);
  const inside = translated(resolver, anyOf(r.fields.get('source') ?? []) ? [] : (r.fields.get('source') ?? []));
  const one = (v: typeof outside): CidrSet | undefined =>
    'addresses' in v && v.addresses && v.addresses.size(4) + v.addresses.size(6) === 1n ? v.addresses : undefined;
  const publicAddress = one(outside);
  const privateAddress = one(inside);
  const base = {
    toZones: to,
    opaque: opaque.length > 0 ? [...opaque] : undefined,
    verdict: { kind: 'accept' as const },
  };
  if (!publicAddress || !privateAddress) {
    // Where it applies is not known either when the translated address is not one address: it may match anything.
    return makeRule({
      ...base,
      ...(publicAddress ? { destination: publicAddress } : {}),
      translate: { unmodelled: 'bi-directional static translation of more than one address, or of a name' },
      provenance,
    });
  }
  return makeRule({ ...base, destination: publicAddress, translate: { addresses: privateAddress }, provenance });
}
