import type { Text } from '../model/text.js';
import { CidrSet, parseCidrBounds } from '../net/cidr-set.js';
import { formatIpv4 } from '../net/ipv4.js';
import { formatIpv6 } from '../net/ipv6.js';
import { PortSet } from '../net/port-set.js';
import type { Decision, RuleHit } from './evaluate.js';
import { type NatPiece, regionOf, translateDestination, translatesDestinations } from './nat.js';
import type { OriginalPart, SeenAs } from './nat-original.js';
import type { Packet } from './packet.js';
import { type Classification, classify, filterStages, type Outcome, type Region, regionBox, where } from './region.js';
import type { Ruleset } from './types.js';
import { severalTargets, UNSAID_TRANSLATED_APART, unknownZone } from './why.js';

/** What the filter may know of a translated part's original direction. */
const originalPart = (r: Region): OriginalPart => ({
  family: r.family,
  ...(r.destination ? { destination: r.destination } : {}),
  ...(r.destinationPorts ? { destinationPorts: r.destinationPorts } : {}),
});

/** Whether the filter matches the packet's original addresses with the zone after translation (PAN-OS). */
const matchesOriginal = (ruleset: Ruleset): boolean => ruleset.nat?.filterMatches === 'original';

/** The zone (of `nat.zones`) that holds every address of `destination`; undefined when none or several do. */
export function zoneHolding(ruleset: Ruleset, family: 4 | 6, destination: CidrSet | undefined): string | undefined {
  if (!destination) return undefined;
  const wanted = destination.family(family);
  if (wanted.isEmpty()) return undefined;
  for (const z of ruleset.nat?.zones ?? []) if (z.addresses.family(family).contains(wanted)) return z.name;
  return undefined;
}

/** The region with the zone its destination lies in, where the stage knows it (the zone before translation). */
function arriving(ruleset: Ruleset, region: Region): Region {
  const zone = zoneHolding(ruleset, region.family, region.destination);
  return zone === undefined || zone === region.toZone ? region : { ...region, toZone: zone };
}

const zoneUnknown = (piece: { region: Region; by: RuleHit }): Text =>
  unknownZone(where(piece.by), piece.region.destination?.toCidrs().join(', '));

/**
 * Filtering with destination translation in front of it: the filter chains before the translation see the region
 * as it comes, the others the translated parts. A part translated to several addresses or ports (the device picks
 * one per connection) is decided only when the filter decides all of them alike; otherwise it is indeterminate.
 */
export function classifyThroughNat(ruleset: Ruleset, region: Region): Classification {
  if (!translatesDestinations(ruleset)) return classify(ruleset, region, undefined, 'untranslated');
  const stages = filterStages(ruleset);
  const before = Math.min(ruleset.nat?.destinationBefore ?? 0, stages.length);
  const after = stages.slice(before);
  const outcomes: Outcome[] = [];
  let overflow: Text | undefined;
  let inputs: Region[] = [region];
  if (before > 0) {
    const c = classify(ruleset, region, stages.slice(0, before), 'untranslated');
    overflow = c.overflow;
    inputs = [];
    for (const o of c.outcomes) {
      if (o.action === 'accept') inputs.push(regionOf(region, o.box));
      else outcomes.push(o);
    }
  }
  // Rules on the connection's original destination are decided by what the translation did to each part.
  const filter = (r: Region, from?: Region): Classification =>
    classifyThroughStages(ruleset, r, after, from ? originalPart(from) : 'untranslated');
  const original = matchesOriginal(ruleset);
  for (const input of inputs) {
    for (const piece of translateDestination(ruleset, original ? arriving(ruleset, input) : input)) {
      if (piece.kind === 'unknown') {
        outcomes.push({ box: piece.box, action: 'indeterminate', maybe: piece.maybe, reason: piece.reason });
        continue;
      }
      if (piece.kind === 'dropped') {
        outcomes.push(piece.outcome);
        continue;
      }
      const c = filter(piece.region, piece.kind === 'translated' ? piece.original : undefined);
      overflow ??= c.overflow;
      if (piece.kind === 'kept') {
        outcomes.push(...c.outcomes);
        continue;
      }
      if (original) {
        // The filter sees the packet as it came, in the zone its new destination lies in.
        const zone = zoneHolding(ruleset, piece.region.family, piece.region.destination);
        if (zone === undefined) {
          const box = regionBox(piece.original);
          outcomes.push({ box, action: 'indeterminate', maybe: [piece.by], reason: zoneUnknown(piece) });
          continue;
        }
        const seen = filter({ ...piece.original, toZone: zone }, piece.original);
        overflow ??= seen.overflow;
        for (const o of seen.outcomes) outcomes.push({ ...o, translatedBy: piece.by });
        continue;
      }
      const actions = new Set(c.outcomes.map((o) => o.action));
      const mixed = piece.several && actions.size > 1;
      for (const o of c.outcomes) {
        const translated: Outcome = { ...o, translatedBy: piece.by };
        outcomes.push(
          mixed
            ? {
                ...translated,
                action: 'indeterminate',
                reason: severalTargets(piece.by.rule.provenance.text),
              }
            : translated,
        );
      }
    }
  }
  return overflow ? { outcomes, overflow } : { outcomes };
}

/** A packet as a region of one point (the dimensions it leaves unsaid stay open). */
export function packetRegion(p: Packet): Region {
  const one = (words: Uint32Array): CidrSet => {
    const text = p.family === 4 ? formatIpv4(words[0] as number) : formatIpv6(words);
    const r = CidrSet.parse([text]);
    if (!r.ok) throw new Error(`a packet address reads back: ${r.message}`);
    return r.value;
  };
  const region: { -readonly [K in keyof Region]: Region[K] } = {
    family: p.family,
    source: one(p.source),
    destination: one(p.destination),
    protocols: PortSet.of(p.protocol),
    state: p.state,
  };
  if (p.sourcePort !== undefined) region.sourcePorts = PortSet.of(p.sourcePort);
  if (p.destinationPort !== undefined) region.destinationPorts = PortSet.of(p.destinationPort);
  if (p.icmpType !== undefined) {
    const from = p.icmpType * 256 + (p.icmpCode ?? 0);
    region.icmp = PortSet.fromRanges([{ from, to: p.icmpCode === undefined ? from + 255 : from }]);
  }
  if (p.inInterface !== undefined) region.inInterface = p.inInterface;
  if (p.outInterface !== undefined) region.outInterface = p.outInterface;
  if (p.fromZone !== undefined) region.fromZone = p.fromZone;
  if (p.toZone !== undefined) region.toZone = p.toZone;
  return region;
}

type Stages = (ruleset: Ruleset, packet: Packet, stages: readonly string[], seen: SeenAs) => Decision;

/**
 * One packet through the filter chains before translation, the translation, and the chains after it (`walk` walks
 * a list of chains). Several parts (a packet leaving a field unsaid) are decided when they all agree.
 */
export function evaluateThroughNat(ruleset: Ruleset, packet: Packet, walk: Stages): Decision {
  const stages = filterStages(ruleset);
  const before = Math.min(ruleset.nat?.destinationBefore ?? 0, stages.length);
  const after = stages.slice(before);
  if (before > 0) {
    const d = walk(ruleset, packet, stages.slice(0, before), 'untranslated');
    if (d.kind !== 'decided' || d.action !== 'accept') return d;
  }
  const seen = matchesOriginal(ruleset) ? arrivingPacket(ruleset, packet) : packet;
  const decisions = translateDestination(ruleset, packetRegion(seen)).map((piece) =>
    decidePiece(ruleset, seen, piece, after, walk),
  );
  const [first, ...rest] = decisions;
  if (!first) return walk(ruleset, packet, after, 'untranslated');
  if (first.kind !== 'decided') return first;
  for (const d of rest) {
    if (d.kind !== 'decided') return d;
    if (d.action !== first.action) {
      return {
        kind: 'indeterminate',
        outcomes: [first.action, d.action],
        opaque: [],
        reason: UNSAID_TRANSLATED_APART,
      };
    }
  }
  return first;
}

function decidePiece(
  ruleset: Ruleset,
  packet: Packet,
  piece: NatPiece,
  after: readonly string[],
  walk: Stages,
): Decision {
  switch (piece.kind) {
    case 'unknown':
      return { kind: 'indeterminate', outcomes: ['accept', 'drop'], opaque: piece.maybe, reason: piece.reason };
    case 'dropped': {
      const o = piece.outcome;
      return {
        kind: 'decided',
        action: o.action === 'reject' ? 'reject' : 'drop',
        ...(o.decidedBy ? { decidedBy: o.decidedBy } : {}),
        ...(o.policyOf ? { policyOf: o.policyOf } : {}),
        path: [],
      };
    }
    case 'kept':
      return walk(ruleset, packet, after, 'untranslated');
    case 'translated': {
      const seenAs = originalPart(piece.original);
      if (matchesOriginal(ruleset)) {
        const zone = zoneHolding(ruleset, piece.region.family, piece.region.destination);
        if (zone === undefined)
          return {
            kind: 'indeterminate',
            outcomes: ['accept', 'drop'],
            opaque: [piece.by],
            reason: zoneUnknown(piece),
          };
        const d = walk(ruleset, { ...packet, toZone: zone }, after, seenAs);
        return d.kind === 'decided' ? { ...d, translatedBy: piece.by } : d;
      }
      if (!piece.several) {
        const d = walk(ruleset, translatedPacket(packet, piece.region), after, seenAs);
        return d.kind === 'decided' ? { ...d, translatedBy: piece.by } : d;
      }
      const c = classifyThroughStages(ruleset, piece.region, after, seenAs);
      const actions = [...new Set(c.outcomes.map((o) => o.action))];
      const first = c.outcomes[0];
      if (c.overflow || actions.length !== 1 || actions[0] === 'indeterminate' || !first) {
        return {
          kind: 'indeterminate',
          outcomes: actions.filter((a) => a !== 'indeterminate') as ('accept' | 'drop' | 'reject')[],
          opaque: [piece.by],
          reason: severalTargets(piece.by.rule.provenance.text),
        };
      }
      return {
        kind: 'decided',
        action: first.action as 'accept' | 'drop' | 'reject',
        ...(first.decidedBy ? { decidedBy: first.decidedBy } : {}),
        ...(first.policyOf ? { policyOf: first.policyOf } : {}),
        path: [],
        translatedBy: piece.by,
      };
    }
  }
}

const classifyThroughStages = (
  ruleset: Ruleset,
  region: Region,
  stages: readonly string[],
  seen: SeenAs,
): Classification =>
  stages.length > 0
    ? classify(ruleset, region, stages, seen)
    : { outcomes: [{ box: regionBox(region), action: 'accept', maybe: [] }] };

/** The packet in the zone its destination lies in, where the NAT stage knows the zones. */
function arrivingPacket(ruleset: Ruleset, packet: Packet): Packet {
  const zone = zoneHolding(ruleset, packet.family, packetRegion(packet).destination);
  return zone === undefined || zone === packet.toZone ? packet : { ...packet, toZone: zone };
}

/** The packet with its new destination (one address, one port: the translation is not to several). */
function translatedPacket(packet: Packet, region: Region): Packet {
  const out: { -readonly [K in keyof Packet]: Packet[K] } = { ...packet };
  const [range] = region.destination?.toRanges() ?? [];
  if (range) {
    const b = parseCidrBounds(range.first);
    if (b.ok) {
      out.destination = b.value.first;
      out.destinationText = range.first;
    }
  }
  const [port] = region.destinationPorts?.toRanges() ?? [];
  if (port && packet.destinationPort !== undefined) out.destinationPort = port.from;
  return out;
}

/**
 * The traffic the filter chains after destination translation see of a region: the parts kept as they came, and
 * the translated parts — as translated, or as they came in the zone of their new destination where the filter
 * matches original addresses. Parts dropped or whose translation cannot be told are left out.
 */
export function filterRegions(ruleset: Ruleset, region: Region): Region[] {
  if (!translatesDestinations(ruleset)) return [region];
  const original = matchesOriginal(ruleset);
  return translateDestination(ruleset, original ? arriving(ruleset, region) : region).flatMap((p) => {
    if (p.kind === 'kept') return [p.region];
    if (p.kind !== 'translated') return [];
    if (!original) return [p.region];
    const zone = zoneHolding(ruleset, p.region.family, p.region.destination);
    return zone === undefined ? [] : [{ ...p.original, toZone: zone }];
  });
}
