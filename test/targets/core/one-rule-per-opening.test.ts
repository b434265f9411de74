/**
 * One rule per distinct opening (src/targets/generate/merge.ts). Catalogs list some openings under two flows (two rows
 * of a vendor's table); generate writes one rule for them, naming every flow. Asked of what the devices would hold:
 * each example generated for every target with a reader, read back by that reader, and no chain may hold two rules
 * identical in match and verdict (the rule verify calls "redundant: hidden by the union of earlier rules").
 */
import { describe, expect, it } from 'vitest';
import { ruleToJson } from '../../../src/ruleset/json.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { generate } from '../../../src/targets/index.js';
import { interfacesJson } from '../aws-sg/members.js';
import { EXAMPLES, exampleMatrix } from '../support/examples.js';
import { READERS, readable } from '../support/registry.js';

/** Syntaxes no printer writes (PAN-OS XML is what a device holds; `nft -j` what the kernel lists): asked elsewhere. */
const NOT_PRINTED = new Set(['panos-xml', 'nft-json']);

/**
 * Accept rules of a chain that match exactly as an earlier one of the same chain: `chain: text`. Denies are the
 * platforms' own closing rules (Azure's 65500 DenyAll repeats the 4096 deny generate writes, on purpose).
 */
function repeated(rs: Ruleset): string[] {
  const out: string[] = [];
  for (const chain of Object.values(rs.chains)) {
    const seen = new Set<string>();
    for (const rule of chain.rules) {
      if (rule.verdict.kind !== 'accept') continue;
      const { provenance: _p, ...decides } = ruleToJson(rule);
      const key = JSON.stringify(decides);
      if (seen.has(key)) out.push(`${chain.name}: ${rule.provenance.text ?? rule.provenance.comment ?? key}`);
      seen.add(key);
    }
  }
  return out;
}

describe('generate: one rule per distinct opening', () => {
  for (const name of EXAMPLES) {
    it(`${name}: no target's output, read back, repeats a rule`, () => {
      const m = exampleMatrix(name);
      let read = 0;
      for (const fw of m.firewalls) {
        for (const { id, format } of READERS.filter((r) => !NOT_PRINTED.has(r.format.id))) {
          // A platform may refuse a site's names (a Linux `vlan1*` is no ASA nameif): nothing printed, nothing to ask.
          const out = generate(m, { firewall: fw.name, target: id });
          if (!out.ok) continue;
          const files = readable(id, out.value.artifacts).map((a) => ({ path: a.path, text: a.content }));
          if (files.length === 0) continue;
          if (id === 'aws-sg') files.push({ path: 'eni.json', text: interfacesJson(m, fw.name, files[0]?.text ?? '') });
          const rs = format.parse(files);
          if (!rs.ok) throw new Error(rs.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
          expect(repeated(rs.value), `${fw.name} ${id} (${format.id})`).toEqual([]);
          read++;
        }
      }
      expect(read).toBeGreaterThan(0);
    });
  }

  // The openings the examples' catalogs list twice (or three times), each one rule naming all its flows.
  const SHARED = [
    ['exchange-2007-site', 'fw-internal', ['exchange-2007/hub-to-edge-edgesync-ldap', 'exchange-2007/edge-adam-ldap']],
    [
      'exchange-hybrid-web-mfa-site',
      'fw-edge',
      ['exchange-hybrid-web-mfa/external-user-to-wap', 'exchange-hybrid-web-mfa/external-user-to-adfs-proxy'],
    ],
    [
      'exchange-hybrid-web-mfa-site',
      'fw-edge',
      [
        'exchange-hybrid-web-mfa/user-to-entra-id',
        'exchange-hybrid-web-mfa/entra-connect-to-entra-id',
        'exchange-hybrid-web-mfa/exchange-onprem-to-entra-id',
      ],
    ],
    [
      'exchange-hybrid-web-mfa-site',
      'fw-internal',
      ['exchange-hybrid-web-mfa/user-to-exchange-online', 'exchange-hybrid-web-mfa/user-to-entra-id'],
    ],
    ['hamilton-site', 'fw-edge', ['hamilton/graph-auth-web', 'hamilton/graph-auth-admin']],
    ['lync-2013-edge-site', 'fw-external', ['lync-2013-edge/ext-xmpp-in', 'lync-2013-edge/xmpp-s2s-in']],
    ['lync-2013-edge-site', 'fw-external', ['lync-2013-edge/ext-sip-federation-out', 'lync-2013-edge/fed-sip-out']],
  ] as const;

  for (const [site, firewall, flows] of SHARED) {
    it(`${site} ${firewall}: ${flows.join(' = ')} is one policy naming every flow (FortiOS, SRX, PAN-OS)`, () => {
      const m = exampleMatrix(site);
      // Platforms that write DNS names (some of these openings are to a name) and one comment per rule.
      for (const [target, commentLine] of [
        ['fortios', /^\s*set comments (.*)$/],
        ['juniper-srx', / description (.*)$/],
        ['panos', / description (".*")$/],
      ] as const) {
        const out = generate(m, { firewall, target });
        if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
        const comments = (out.value.artifacts[0]?.content ?? '')
          .split('\n')
          .flatMap((l) => commentLine.exec(l)?.[1] ?? []);
        const naming = (flow: string) => comments.filter((c) => c.includes(`${flow} `) || c.includes(`${flow}"`));
        expect(naming(flows[0]), `${target}: one policy for ${flows[0]}`).toHaveLength(1);
        for (const flow of flows) expect(naming(flow), `${target}: ${flow}`).toEqual(naming(flows[0]));
      }
    });
  }
});
