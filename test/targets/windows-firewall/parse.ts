/**
 * A strict reader of the generated PowerShell (pwsh is not installed here, so this is the grammar check): every line
 * is a comment, one of the fixed preamble statements, or one `New-NetFirewallRule` whose arguments are literal
 * single-quoted strings, string arrays or known keywords. Anything else throws.
 */
export interface PsRule {
  readonly name: string;
  readonly displayName: string;
  readonly group: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: string;
  readonly localPort?: readonly string[];
  readonly remotePort?: readonly string[];
  readonly icmpType?: readonly string[];
  readonly localAddress: 'any' | readonly string[];
  readonly remoteAddress: 'any' | readonly string[];
  readonly description: string;
}

const STR = String.raw`'(?:[^'\u2018\u2019\u201a\u201b\u0000-\u001f\u007f-\u009f\u2028\u2029]|'')*'`;
const ARRAY = String.raw`@\(${STR}(?:, ${STR})*\)`;
const KEYWORDS: Record<string, RegExp> = {
  Direction: /^(Inbound|Outbound)$/,
  Action: /^Allow$/,
  Protocol: /^(TCP|UDP|ICMPv4|ICMPv6|Any|\d{1,3})$/,
  ErrorAction: /^Stop$/,
};
const STRINGS = new Set(['Name', 'DisplayName', 'Group', 'Description']);
const ARRAYS = new Set(['LocalPort', 'RemotePort', 'IcmpType', 'LocalAddress', 'RemoteAddress']);
const REQUIRED = ['Name', 'DisplayName', 'Group', 'Direction', 'Action', 'Protocol', 'Description', 'ErrorAction'];

const unquote = (s: string): string => s.slice(1, -1).replace(/''/g, "'");
const arrayItems = (s: string): string[] => [...s.matchAll(new RegExp(STR, 'g'))].map((m) => unquote(m[0]));

export const PREAMBLE = [
  /^#Requires -RunAsAdministrator$/,
  /^#Requires -Modules NetSecurity$/,
  /^Set-StrictMode -Version Latest$/,
  /^\$ErrorActionPreference = 'Stop'$/,
  new RegExp(`^\\$flowmatrixGroupPrefix = ${STR}$`),
  /^Get-NetFirewallRule -ErrorAction Stop \| Where-Object \{ \$null -ne \$_\.Group -and \$_\.Group\.StartsWith\(\$flowmatrixGroupPrefix, \[System\.StringComparison\]::Ordinal\) \} \| Remove-NetFirewallRule -ErrorAction Stop$/,
];

export function parseScript(content: string): { rules: PsRule[]; groupPrefix: string } {
  if (!content.startsWith('\uFEFF')) throw new Error('no byte-order mark');
  const body = content.slice(1);
  if (/\r(?!\n)|(?<!\r)\n/.test(body)) throw new Error('line ending other than CRLF');
  const lines = body.split('\r\n');
  if (lines.pop() !== '') throw new Error('no final line break');
  const rules: PsRule[] = [];
  let groupPrefix = '';
  const seen = new Set<number>();
  for (const [n, line] of lines.entries()) {
    const pre = PREAMBLE.findIndex((re) => re.test(line));
    if (pre >= 0) {
      if (seen.has(pre) || rules.length > 0) throw new Error(`line ${n + 1}: preamble repeated or out of place`);
      seen.add(pre);
      if (pre === 4) groupPrefix = unquote(line.slice(line.indexOf("'")));
      continue;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a comment must hold no control character.
    if (/^# [^\u0000-\u001f]*$/.test(line) && rules.length === 0) continue;
    rules.push(parseCommand(line, n + 1));
  }
  if (seen.size !== PREAMBLE.length) throw new Error('preamble incomplete');
  return { rules, groupPrefix };
}

function parseCommand(line: string, n: number): PsRule {
  const head = 'New-NetFirewallRule';
  const tail = ' | Out-Null';
  if (!line.startsWith(head) || !line.endsWith(tail)) throw new Error(`line ${n}: not a New-NetFirewallRule: ${line}`);
  const args = line.slice(head.length, -tail.length);
  const token = new RegExp(` -([A-Za-z]+) (${ARRAY}|${STR}|[A-Za-z0-9]+)`, 'y');
  const values = new Map<string, string>();
  let at = 0;
  while (at < args.length) {
    token.lastIndex = at;
    const m = token.exec(args);
    if (!m) throw new Error(`line ${n}: unreadable at ${JSON.stringify(args.slice(at, at + 40))}`);
    const [, param = '', value = ''] = m;
    if (values.has(param)) throw new Error(`line ${n}: -${param} twice`);
    const keyword = KEYWORDS[param];
    const ok = keyword
      ? keyword.test(value)
      : STRINGS.has(param)
        ? new RegExp(`^${STR}$`).test(value)
        : ARRAYS.has(param) && new RegExp(`^${ARRAY}$`).test(value);
    if (!ok) throw new Error(`line ${n}: bad value for -${param}: ${value}`);
    values.set(param, value);
    at = token.lastIndex;
  }
  for (const r of REQUIRED) if (!values.has(r)) throw new Error(`line ${n}: -${r} missing`);
  const str = (k: string) => unquote(values.get(k) as string);
  const arr = (k: string) => (values.has(k) ? arrayItems(values.get(k) as string) : undefined);
  const protocol = values.get('Protocol') as string;
  if ((arr('LocalPort') || arr('RemotePort')) && !['TCP', 'UDP'].includes(protocol)) {
    throw new Error(`line ${n}: ports with protocol ${protocol}`);
  }
  const localPort = arr('LocalPort');
  const remotePort = arr('RemotePort');
  const icmpType = arr('IcmpType');
  return {
    name: str('Name'),
    displayName: str('DisplayName'),
    group: str('Group'),
    direction: values.get('Direction') as PsRule['direction'],
    protocol,
    ...(localPort ? { localPort } : {}),
    ...(remotePort ? { remotePort } : {}),
    ...(icmpType ? { icmpType } : {}),
    localAddress: arr('LocalAddress') ?? 'any',
    remoteAddress: arr('RemoteAddress') ?? 'any',
    description: str('Description'),
  };
}
