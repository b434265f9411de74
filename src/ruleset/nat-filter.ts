import { CidrSet, parseCidrBounds } from '../net/cidr-set.js';
import { formatIpv4 } from '../net/ipv4.js';
import { formatIpv6 } from '../net/ipv6.js';
import { PortSet } from '../net/port-set.js';
import type { Decision } from './evaluate.js';
import { type NatPiece, regionOf, translateDestination, translatesDestinations } from './nat.js';
import type { Packet } from './packet.js';
import { type Classification, classify, filterStages, type Outcome, type Region, regionBox } from './region.js';
import type { Ruleset } from './types.js';

/**
 * Filtering with destination translation in front of it: the filter chains before the translation see the region
 * as it comes, the others the translated parts. A part translated to several addresses or ports (the device picks
 * one per connection) is decided only when the filter decides all of them alike; otherwise it is indeterminate.
 */
export function classifyThroughNat(ruleset: Ruleset, region: Region): Classification {
  if (!translatesDestinations(ruleset)) return classify(ruleset, region);
  const stages = filterStages(ruleset);
  const before = Math.min(ruleset.nat?.destinationBefore ?? 0, stages.length);
  const after = stages.slice(before);
  const outcomes: Outcome[] = [];
  let overflow: string | undefined;
  let inputs: Region[] = [region];
  if (before > 0) {
    const c = classify(ruleset, region, stages.slice(0, before));
    overflow = c.overflow;
    inputs = [];
    for (const o of c.outcomes) {
      if (o.action === 'accept') inputs.push(regionOf(region, o.box));
      else outcomes.push(o);
    }
  }
  const filter = (r: Region): Classification => classifyThroughStages(ruleset, r, after);
  for (const input of inputs) {
    for (const piece of translateDestination(ruleset, input)) {
      if (piece.kind === 'unknown') {
        outcomes.push({ box: piece.box, action: 'indeterminate', maybe: piece.maybe, reason: piece.reason });
        continue;
      }
      if (piece.kind === 'dropped') {
        outcomes.push(piece.outcome);
        continue;
      }
      const c = filter(piece.region);
      overflow ??= c.overflow;
      if (piece.kind === 'kept') {
        outcomes.push(...c.outcomes);
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
                reason: `${piece.by.rule.provenance.text ?? 'a translation'} sends the packet to one of several addresses or ports, which the filter does not decide alike`,
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

type Stages = (ruleset: Ruleset, packet: Packet, stages: readonly string[]) => Decision;

/**
 * One packet through the filter chains before translation, the translation, and the chains after it (`walk` walks
 * a list of chains). Several parts (a packet leaving a field unsaid) are decided when they all agree.
 */
export function evaluateThroughNat(ruleset: Ruleset, packet: Packet, walk: Stages): Decision {
  const stages = filterStages(ruleset);
  const before = Math.min(ruleset.nat?.destinationBefore ?? 0, stages.length);
  const after = stages.slice(before);
  if (before > 0) {
    const d = walk(ruleset, packet, stages.slice(0, before));
    if (d.kind !== 'decided' || d.action !== 'accept') return d;
  }
  const decisions = translateDestination(ruleset, packetRegion(packet)).map((piece) =>
    decidePiece(ruleset, packet, piece, after, walk),
  );
  const [first, ...rest] = decisions;
  if (!first) return walk(ruleset, packet, after);
  if (first.kind !== 'decided') return first;
  for (const d of rest) {
    if (d.kind !== 'decided') return d;
    if (d.action !== first.action) {
      return {
        kind: 'indeterminate',
        outcomes: [first.action, d.action],
        opaque: [],
        reason: 'parts of the packet left unsaid are translated differently',
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
      return walk(ruleset, packet, after);
    case 'translated': {
      if (!piece.several) {
        const d = walk(ruleset, translatedPacket(packet, piece.region), after);
        return d.kind === 'decided' ? { ...d, translatedBy: piece.by } : d;
      }
      const c = classifyThroughStages(ruleset, piece.region, after);
      const actions = [...new Set(c.outcomes.map((o) => o.action))];
      const first = c.outcomes[0];
      if (c.overflow || actions.length !== 1 || actions[0] === 'indeterminate' || !first) {
        return {
          kind: 'indeterminate',
          outcomes: actions.filter((a) => a !== 'indeterminate') as ('accept' | 'drop' | 'reject')[],
          opaque: [piece.by],
          reason: `${piece.by.rule.provenance.text ?? 'a translation'} sends the packet to one of several addresses or ports, which the filter does not decide alike`,
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

const classifyThroughStages = (ruleset: Ruleset, region: Region, stages: readonly string[]): Classification =>
  stages.length > 0
    ? classify(ruleset, region, stages)
    : { outcomes: [{ box: regionBox(region), action: 'accept', maybe: [] }] };

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
