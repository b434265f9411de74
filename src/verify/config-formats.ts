import { fail, issue, type Result } from '../model/issues.js';
import { type ConfigFile, configIssue, type ReadOptions } from '../ruleset/config-file.js';
import { rulesetFromJson } from '../ruleset/json.js';
import type { Ruleset } from '../ruleset/types.js';
import { parseAwsSg } from '../targets/aws-sg/parse/index.js';
import { parseAzureNsg } from '../targets/azure-nsg/parse/index.js';
import { asaFormat } from '../targets/cisco-asa/parse/index.js';
import { looksLikeFortios, parseFortiosConfig } from '../targets/fortios/parse/index.js';
import { parseIptables } from '../targets/iptables/parse.js';
import { looksLikeSrx, parseSrxConfig } from '../targets/juniper-srx/parse/index.js';
import { parseNftJson } from '../targets/nftables/parse/json.js';
import { parseNftText } from '../targets/nftables/parse/text.js';
import { parsePanosSet, parsePanosXml } from '../targets/panos/parse/index.js';
import { parseWindowsFirewall } from '../targets/windows-firewall/parse/index.js';

export { type ConfigFile, configIssue, type ReadOptions };

/**
 * One configuration syntax verify reads. `detect` looks at the text only (cheap, no full parse); `parse` reads
 * every file at once (iptables + ip6tables + ipset save) into one ruleset, or returns every error with its line.
 * `target` names the platform whose printer writes the rules to add.
 */
export interface ConfigFormat {
  readonly id: string;
  readonly title: string;
  readonly target?: string;
  /** How the syntax names the sides of a rule: by interface (ASA nameif, FortiOS) or by zone (PAN-OS, SRX). */
  readonly zones?: 'interfaces' | 'zones';
  /** `routing`: rules filter on the ingress interface only, routing picks the egress (ASA; see VerifyOptions). */
  readonly egress?: 'routing';
  readonly detect: (text: string) => boolean;
  readonly parse: (files: readonly ConfigFile[], options?: ReadOptions) => Result<Ruleset>;
  /** Whether the syntax holds several policies, one chosen with `ReadOptions.scope` (Panorama device groups, vsys). */
  readonly scoped?: boolean;
}

const rulesetJson: ConfigFormat = {
  id: 'ruleset-json',
  title: 'Flowmatrix neutral ruleset (JSON)',
  detect: (text) => /^\s*\{[\s\S]*"format"\s*:\s*"flowmatrix-ruleset\/1"/.test(text.slice(0, 4096)),
  parse: (files) => {
    const file = files[0];
    if (!file || files.length > 1)
      return fail([configIssue(file?.path ?? '', 1, 'give exactly one ruleset JSON file')]);
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (e) {
      return fail([configIssue(file.path, 1, `not JSON: ${(e as Error).message}`)]);
    }
    const r = rulesetFromJson(value);
    return r.ok ? { ok: true, value: r.value, warnings: [] } : fail([configIssue(file.path, 1, r.message)]);
  },
};

/** One file, one ruleset: the syntaxes that do not combine several files. */
const single =
  (parse: (file: ConfigFile, options?: ReadOptions) => Result<Ruleset>) =>
  (files: readonly ConfigFile[], options?: ReadOptions): Result<Ruleset> => {
    const [file, ...rest] = files;
    if (!file) return fail([configIssue('', 1, 'no configuration file')]);
    if (rest.length > 0)
      return fail([
        configIssue(rest[0]?.path ?? '', 1, 'this syntax takes one file', 'give the whole ruleset in one file'),
      ]);
    return parse(file, options);
  };

/** The registry: one line per syntax. Parsers of device configurations register here. */
/** iptables-save, ip6tables-save and ipset save files, read together into one ruleset. */
const iptablesFormat: ConfigFormat = {
  id: 'iptables',
  title: 'iptables-save, ip6tables-save and ipset save (several files together)',
  target: 'iptables',
  detect: (text) =>
    /^\*(filter|nat|mangle|raw|security)\s*$/m.test(text.slice(0, 262144)) ||
    /^create \S+ (hash|bitmap|list):/m.test(text.slice(0, 4096)),
  parse: (files) => {
    const r = parseIptables(files.map((f) => ({ file: f.path, text: f.text })));
    return r.ok ? { ok: true, value: r.value.ruleset, warnings: r.warnings } : r;
  },
};

const FORMATS: ConfigFormat[] = [
  rulesetJson,
  iptablesFormat,
  asaFormat,
  {
    id: 'nft-json',
    title: 'nftables JSON (nft -j list ruleset)',
    target: 'nftables',
    detect: (text) => /^\s*\{\s*"nftables"\s*:/.test(text),
    parse: single(parseNftJson),
  },
  {
    id: 'nft',
    title: 'nftables (nft list ruleset, nft -f scripts)',
    target: 'nftables',
    detect: (text) =>
      /^\s*(table|add table|flush ruleset|define)\b/m.test(text.slice(0, 65536)) && !/^\*filter/m.test(text),
    parse: single(parseNftText),
  },
  {
    id: 'panos-xml',
    title: 'PAN-OS or Panorama XML configuration',
    target: 'panos',
    zones: 'zones',
    scoped: true,
    detect: (text) => /^\s*(<\?xml[^>]*>\s*)?(<response[^>]*>\s*<result[^>]*>\s*)?<config\b/.test(text.slice(0, 4096)),
    parse: single(parsePanosXml),
  },
  {
    id: 'panos-set',
    title: 'PAN-OS or Panorama set commands',
    target: 'panos',
    zones: 'zones',
    scoped: true,
    detect: (text) =>
      /^set (rulebase|deviceconfig|device-group \S+ (pre|post)-rulebase|address \S+ (ip-netmask|ip-range|fqdn) )/m.test(
        text.slice(0, 262144),
      ),
    parse: single(parsePanosSet),
  },
  {
    id: 'fortios',
    title: 'FortiOS (show, show full-configuration)',
    target: 'fortios',
    zones: 'interfaces',
    detect: looksLikeFortios,
    parse: single(parseFortiosConfig),
  },
  {
    id: 'srx',
    title: 'Juniper SRX (show configuration, | display set)',
    target: 'juniper-srx',
    zones: 'zones',
    detect: looksLikeSrx,
    parse: single(parseSrxConfig),
  },
  {
    id: 'windows-firewall',
    title: 'Windows Defender Firewall script (New-NetFirewallRule)',
    target: 'windows-firewall',
    detect: (text) => /^\s*New-NetFirewallRule\b/im.test(text.slice(0, 262144)),
    parse: single(parseWindowsFirewall),
  },
  {
    id: 'aws-sg',
    title: 'AWS security groups in Terraform (.tf), with aws ec2 describe-network-interfaces JSON for their members',
    target: 'aws-sg',
    detect: (text) => /^\s*resource\s+"aws_(vpc_)?security_group(_rule|_ingress_rule|_egress_rule)?"/m.test(text),
    parse: (files) => parseAwsSg(files),
  },
  {
    id: 'azure-nsg',
    title: 'Azure network security groups in Terraform (.tf)',
    target: 'azure-nsg',
    detect: (text) => /^\s*resource\s+"azurerm_network_security_(group|rule)"/m.test(text),
    parse: single(parseAzureNsg),
  },
];

export const configFormats = (): readonly ConfigFormat[] => FORMATS;
export const CONFIG_FORMAT_IDS = (): string[] => ['auto', ...FORMATS.map((f) => f.id)];

/** The format of a set of files: the one asked for, or the one whose `detect` accepts the first file. */
export function pickFormat(id: string, files: readonly ConfigFile[]): Result<ConfigFormat> {
  if (id !== 'auto') {
    const f = FORMATS.find((x) => x.id === id);
    return f
      ? { ok: true, value: f, warnings: [] }
      : fail([
          issue('invalid-value', [], `unknown configuration format "${id}"`, `use ${CONFIG_FORMAT_IDS().join(', ')}`),
        ]);
  }
  const first = files[0];
  const found = first ? FORMATS.find((f) => f.detect(first.text)) : undefined;
  if (found) return { ok: true, value: found, warnings: [] };
  return fail([
    {
      ...issue(
        'invalid-value',
        [],
        'cannot tell the configuration format',
        `name it with --format (${FORMATS.map((f) => f.id).join(', ')})`,
      ),
      ...(first ? { file: first.path } : {}),
    },
  ]);
}
