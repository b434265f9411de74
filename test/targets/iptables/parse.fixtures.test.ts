import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { evaluate, parsePacket } from '../../../src/ruleset/index.js';
import { type IptablesConfig, parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

/**
 * Every iptables file of the real fixtures (shared/fixtures/firewalls/iptables, counts from its README): read with
 * the README's rule and user-chain counts, or refused with every error at its line.
 */
const README: Readonly<Record<string, { rules: number; userChains: number } | 'refused'>> = {
  'tum_i8_2015-09-03.iptables-save': { rules: 4973, userChains: 89 },
  'medium_company_mainfw_2016-01-31.iptables-save': { rules: 598, userChains: 4 },
  'shorewall_akachan_2014.iptables-save': { rules: 404, userChains: 68 },
  'openlab_stettenstr.iptables-save': { rules: 365, userChains: 2 },
  'veroneau_net.iptables-save': { rules: 263, userChains: 0 },
  'ugent.iptables-save': { rules: 232, userChains: 0 },
  'home_user.iptables-save': { rules: 218, userChains: 28 },
  // "not loadable as-is": it jumps to, and appends to, chains it never declares (iptables-restore refuses too).
  'fwbuilder_importer_ipt.iptables-save': 'refused',
  'internal_office_fw.iptables-save': { rules: 74, userChains: 1 },
  'ufw_server1.iptables-save': { rules: 70, userChains: 31 },
  'fwbuilder_generated_found_online.sh': { rules: 62, userChains: 36 },
  'synology_ds414_2016.iptables-save': { rules: 43, userChains: 3 },
  'docker_topos4.iptables-save': { rules: 36, userChains: 2 },
  'tails_ferm.iptables-save': { rules: 35, userChains: 1 },
  'batfish_z1-firewall.v4': { rules: 3, userChains: 0 },
};

const skip = missing(fixturesRequirement);
const dir = `${fixturesDir()}/firewalls/iptables`;

function read(file: string): IptablesConfig {
  const r = parseIptables([{ file, text: readFileSync(`${dir}/${file}`, 'utf8') }]);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

const packet = (text: string) => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};

describe.skipIf(skip)('iptables parse: the real fixtures', () => {
  it('knows every file of the folder', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(README).sort());
  });

  for (const [file, expected] of Object.entries(README)) {
    if (expected === 'refused') continue;
    it(`reads ${file} with the README's counts`, () => {
      const config = read(file);
      expect(config.rules[file]).toBe(expected.rules);
      expect(config.userChains[file]).toHaveLength(expected.userChains);
      expect(config.ruleset.chains.FORWARD).toBeDefined();
    });
  }

  it('refuses fwbuilder_importer_ipt with every error at once, each at its line', () => {
    const file = 'fwbuilder_importer_ipt.iptables-save';
    const r = parseIptables([{ file, text: readFileSync(`${dir}/${file}`, 'utf8') }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.issues.map((i) => i.line);
    const undeclared = [34, 37, 42, ...Array.from({ length: 16 }, (_, i) => 136 + i)];
    expect(lines).toEqual(undeclared);
    expect(formatIssue(r.issues[0] as (typeof r.issues)[number])).toBe(
      `${file}:34:40: "drop_invalid" is neither a declared chain of table filter nor a target — declare it with :drop_invalid - [0:0] after *filter`,
    );
    expect(
      r.issues.slice(3).every((i) => i.message === 'chain "scan_checks_chain" is not declared in table filter'),
    ).toBe(true);
  });

  it('reads the old negation and dotted masks of ugent (iptables 1.3.5)', () => {
    const rule = read('ugent.iptables-save').ruleset.chains['nat/POSTROUTING']?.rules[0];
    expect(rule?.provenance.text).toContain('-d ! 192.168.122.0/255.255.255.0');
    expect(rule?.source?.toCidrs()).toEqual(['192.168.122.0/24']);
    expect(rule?.destination?.contains('192.168.122.9')).toBe(false);
    expect(rule?.destination?.contains('192.168.123.0')).toBe(true);
  });

  it('reads the censored MAC addresses of the TUM ruleset as uninterpreted, with one warning', () => {
    const r = parseIptables([{ file: 'tum', text: readFileSync(`${dir}/tum_i8_2015-09-03.iptables-save`, 'utf8') }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map(formatIssue)).toEqual([
      'tum:1794:33: warning: "XX:XX:XX:XX:XX:XX" is not a MAC address (iptables-restore refuses it) (and 1652 more lines) — a censored dump? the rule is read as uninterpreted',
    ]);
    // raw PREROUTING's NOTRACK rules change the state the filter sees: raw is walked first, before filter FORWARD.
    expect([r.value.ruleset.entry, ...(r.value.ruleset.stages ?? [])]).toEqual(['raw/PREROUTING', 'FORWARD']);
  });

  it("decides the docker host's connectivity matrix by the line that allows it, and denies the rest by policy", () => {
    const { ruleset } = read('docker_topos4.iptables-save');
    const bridge = 'br-b74b417b331f';
    const allowed = evaluate(ruleset, packet(`tcp 10.0.0.1:40000 -> 10.0.0.42:80 in ${bridge} out ${bridge}`));
    expect(allowed.kind === 'decided' && [allowed.action, allowed.decidedBy?.rule.provenance.line]).toEqual([
      'accept',
      25,
    ]);
    const denied = evaluate(ruleset, packet(`tcp 10.0.0.2:40000 -> 10.0.0.1:80 in ${bridge} out ${bridge}`));
    expect(denied.kind === 'decided' && [denied.action, denied.policyOf]).toEqual(['drop', 'FORWARD']);
    // CUSTOM's `-m recent` DROP (line 49) depends on earlier packets: outward to that host, it cannot tell.
    const limited = evaluate(ruleset, packet(`tcp 10.0.0.1:40000 -> 193.99.144.80:80 in ${bridge} out eth0`));
    expect(limited.kind).toBe('indeterminate');
    expect(limited.kind === 'indeterminate' && limited.opaque.map((h) => h.rule.provenance.line)).toEqual([49]);
    expect(limited.kind === 'indeterminate' && limited.outcomes).toEqual(['accept', 'drop']);
  });

  it('applies the DNATs of nat PREROUTING before FORWARD (openlab)', () => {
    const { ruleset } = read('openlab_stettenstr.iptables-save');
    const dnat = ruleset.chains['nat/PREROUTING']?.rules.find((r) => r.provenance.text?.includes('DNAT'));
    expect(dnat?.translate?.addresses?.toCidrs()).toEqual(['192.168.0.22/32']);
    expect(ruleset.nat?.destination).toEqual(['nat/PREROUTING']);
    const packet = parsePacket('tcp 192.0.2.1:1000 -> 10.11.64.1:5500 in eth5 out eth1');
    if (!packet.ok) throw new Error(packet.message);
    const d = evaluate(ruleset, packet.value);
    expect(d.kind === 'decided' ? d.translatedBy?.rule.provenance.line : d.reason.en).toBe(dnat?.provenance.line);
  });
});
