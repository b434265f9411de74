import { tokenizeSet } from '../../../src/targets/panos/parse/set-tokens.js';

/**
 * The PAN-OS printer's `set` commands as the XML configuration a firewall holds after loading them (one device, one
 * vsys), so that the XML reader can be asked the print/parse property too: no target prints XML. Only the printer's
 * own vocabulary is known (addresses, address groups, services, service groups, security rules); any other command
 * throws, so the conversion never guesses.
 *
 *   set address A ip-netmask 10.0.0.0/8         → <address><entry name="A"><ip-netmask>10.0.0.0/8</ip-netmask>…
 *   set service S protocol tcp port 80,443      → <service><entry name="S"><protocol><tcp><port>80,443</port>…
 *   set rulebase security rules R from lan to … → <rulebase><security><rules><entry name="R"><from><member>lan…
 */
interface XmlElement {
  readonly children: Map<string, XmlElement>;
  readonly entries: Map<string, XmlElement>;
  members?: string[];
  text?: string;
}

const element = (): XmlElement => ({ children: new Map(), entries: new Map() });

/** Elements whose children are `<entry name="…">`. */
const ENTRY_LISTS = new Set(['address', 'address-group', 'service', 'service-group', 'rules']);
/** Elements that hold `<member>` lists even when one value is given. */
const MEMBER_LISTS = new Set([
  'from',
  'to',
  'source',
  'destination',
  'service',
  'application',
  'source-user',
  'category',
  'static',
  'members',
  'tag',
]);
/** Security rule fields, written `key value` pairs after the rule's name. */
const RULE_FIELDS = new Set([
  ...MEMBER_LISTS,
  'action',
  'description',
  'disabled',
  'negate-source',
  'negate-destination',
]);

const get = (map: Map<string, XmlElement>, key: string): XmlElement => {
  let e = map.get(key);
  if (!e) {
    e = element();
    map.set(key, e);
  }
  return e;
};

function assign(e: XmlElement, key: string, value: string | readonly string[]): void {
  const target = get(e.children, key);
  if (typeof value !== 'string') target.members = [...value];
  else if (MEMBER_LISTS.has(key)) target.members = [value];
  else target.text = value;
}

const escapeXml = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function render(name: string, e: XmlElement, indent: string, out: string[], entryName?: string): void {
  const open = entryName === undefined ? `<${name}>` : `<entry name="${escapeXml(entryName)}">`;
  const close = entryName === undefined ? `</${name}>` : '</entry>';
  if (e.text !== undefined) {
    out.push(`${indent}${open}${escapeXml(e.text)}${close}`);
    return;
  }
  out.push(`${indent}${open}`);
  for (const m of e.members ?? []) out.push(`${indent}  <member>${escapeXml(m)}</member>`);
  for (const [key, child] of e.children) render(key, child, `${indent}  `, out);
  for (const [key, child] of e.entries) render('entry', child, `${indent}  `, out, key);
  out.push(`${indent}${close}`);
}

export function panosSetToXml(text: string): string {
  const { lines, issues } = tokenizeSet('panos.set', text);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('\n'));
  const vsys = element();
  for (const { items, text: line } of lines) {
    const words = items.map((x) => (typeof x === 'string' ? x : undefined));
    const [verb, first, second, third] = words;
    if (verb !== 'set') throw new Error(`not a set command: ${line}`);
    if (first === 'rulebase' && second === 'security' && third === 'rules') {
      const name = words[4];
      if (name === undefined) throw new Error(`no rule name: ${line}`);
      const rule = get(get(get(get(vsys.children, 'rulebase').children, 'security').children, 'rules').entries, name);
      for (let i = 5; i < items.length; i += 2) {
        const key = items[i];
        const value = items[i + 1];
        if (typeof key !== 'string' || !RULE_FIELDS.has(key) || value === undefined)
          throw new Error(`unknown rule field ${String(key)}: ${line}`);
        assign(rule, key, value);
      }
      continue;
    }
    if (first === undefined || !ENTRY_LISTS.has(first) || second === undefined)
      throw new Error(`not a command the printer writes: ${line}`);
    // `set service S protocol tcp port 80`: a path of elements, the last item its value.
    let at = get(get(vsys.children, first).entries, second);
    const path = items.slice(3);
    const value = path.pop();
    const last = path.pop();
    if (value === undefined || typeof last !== 'string' || path.some((p) => typeof p !== 'string'))
      throw new Error(`no value: ${line}`);
    for (const key of path as string[]) at = get(at.children, key);
    assign(at, last, value);
  }
  const out: string[] = [];
  render('vsys', vsys, '      ', out, 'vsys1');
  return [
    '<?xml version="1.0"?>',
    '<config version="10.2.0">',
    '  <devices>',
    '    <entry name="localhost.localdomain">',
    '      <vsys>',
    ...out.map((l) => `  ${l}`),
    '      </vsys>',
    '    </entry>',
    '  </devices>',
    '</config>',
    '',
  ].join('\n');
}
