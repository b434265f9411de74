import { append } from '../../util/append.js';
import { APPLY, type DeltaText, type DeltaWay, singleFileDelta, wayText } from '../kit/delta.js';

/**
 * Cisco ASA: objects are blocks (`object network X`, `object-group network X` and their indented members), ACL
 * entries and access-group bindings are single lines. The delta removes ACL entries and bindings of OLD first
 * (`no access-list …`, exact lines, one occurrence each), then members that leave a group, then objects no longer
 * used; then it adds new objects, members, ACL entries (appended: every entry is a permit before the implicit
 * deny, so their order does not change what passes) and bindings. The ASA applies each command at once, so this
 * order is what keeps every intermediate state within OLD or within NEW.
 */
interface AsaConfig {
  readonly blocks: Map<string, string[]>;
  readonly lines: string[];
}

export function parseAsaStatements(text: string): AsaConfig {
  const blocks = new Map<string, string[]>();
  const lines: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('!')) continue;
    if (line.startsWith(' ')) {
      current?.push(line);
      continue;
    }
    current = undefined;
    if (/^object(-group)? /.test(line)) {
      current = [];
      blocks.set(line, current);
    } else lines.push(line);
  }
  return { blocks, lines };
}

/** Each line of `a` not matched by one of `b` (multisets: a line twice in `a` and once in `b` leaves one). */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const l of b) left.set(l, (left.get(l) ?? 0) + 1);
  return a.filter((l) => {
    const n = left.get(l) ?? 0;
    if (n === 0) return true;
    left.set(l, n - 1);
    return false;
  });
}

const isAcl = (l: string) => l.startsWith('access-list ');

export function asaDelta(oldText: string, newText: string, firewall: string, way: DeltaWay = APPLY): DeltaText {
  const a = parseAsaStatements(oldText);
  const b = parseAsaStatements(newText);
  const gone = minus(a.lines, b.lines);
  const come = minus(b.lines, a.lines);
  const removeMembers: string[] = [];
  const addMembers: string[] = [];
  const removeObjects: string[] = [];
  const addObjects: string[] = [];
  for (const [head, members] of a.blocks) {
    const now = b.blocks.get(head);
    if (!now) {
      removeObjects.push(`no ${head}`);
      continue;
    }
    const out = minus(members, now);
    const inn = minus(now, members);
    // A group loses and gains members one by one; a single object (host, subnet) is redefined whole.
    if (head.startsWith('object-group ')) {
      // append, not a spread: a group can have more members than a call takes arguments.
      if (out.length > 0) append(removeMembers, [head, ...out.map((m) => ` no ${m.trim()}`)]);
      if (inn.length > 0) append(addMembers, [head, ...inn]);
    } else if (out.length + inn.length > 0) append(addMembers, [head, ...now]);
  }
  for (const [head, members] of b.blocks) if (!a.blocks.has(head)) append(addObjects, [head, ...members]);
  const lines = [
    `! flowmatrix delta: firewall ${firewall} (Cisco ASA): ${wayText(way, 'configuration')} (configure terminal).`,
    `! 1. narrowing: ACL entries and bindings of the ${way.from} version removed, then members and objects no longer used`,
    ...gone.filter(isAcl).map((l) => `no ${l}`),
    ...gone.filter((l) => !isAcl(l)).map((l) => `no ${l}`),
    ...removeMembers,
    ...removeObjects,
    `! 2. widening: objects and members of the ${way.to} version, then its ACL entries and bindings`,
    ...addObjects,
    ...addMembers,
    ...come.filter(isAcl),
    ...come.filter((l) => !isAcl(l)),
  ];
  return {
    content: `${lines.join('\n')}\n`,
    counts: {
      rulesRemoved: gone.filter((l) => isAcl(l) && !l.includes(' remark ')).length,
      rulesAdded: come.filter((l) => isAcl(l) && !l.includes(' remark ')).length,
      objectsRemoved: removeObjects.length,
      objectsAdded: [...b.blocks.keys()].filter((h) => !a.blocks.has(h)).length,
    },
    notes: [],
  };
}

/** An ASA from one generated configuration to another (`asaDelta`). */
export const asaPlatformDelta = singleFileDelta('.asa.cfg', 'asa.cfg', asaDelta);
