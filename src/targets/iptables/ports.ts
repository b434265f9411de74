import type { PortRange } from '../../model/matrix.js';
import { portText } from '../kit/plan.js';
import { MULTIPORT_SLOTS } from './capabilities.js';

/**
 * Port matches for one protocol: `--dport 443`, `--dport 8000:8010`, or `-m multiport --dports a,b:c` split so no
 * rule exceeds the multiport limit. Ranges are never cut or widened, only spread over rules.
 */
export function portMatches(ranges: readonly PortRange[]): string[] {
  if (ranges.length === 1) {
    const [r] = ranges as [PortRange];
    return [`--dport ${portText(r, ':')}`];
  }
  const chunks: string[][] = [];
  let current: string[] = [];
  let slots = 0;
  for (const r of ranges) {
    const cost = r.from === r.to ? 1 : 2;
    if (slots + cost > MULTIPORT_SLOTS) {
      chunks.push(current);
      current = [];
      slots = 0;
    }
    current.push(portText(r, ':'));
    slots += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((c) =>
    c.length === 1 && !c[0]?.includes(':') ? `--dport ${c[0]}` : `-m multiport --dports ${c.join(',')}`,
  );
}
