import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { azureNsg } from '../../../src/targets/azure-nsg/index.js';
import { parseAzureNsg } from '../../../src/targets/azure-nsg/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { EXAMPLES, exampleMatrix, generated, HOSTILE } from '../support/examples.js';
import { withoutProvenance } from '../support/host-readers.js';
import { caught, expectClean, must, opaqueRules } from '../support/verify-round-trip.js';

const tf = (m: Matrix, fw: string) => generated(azureNsg, m, fw).artifacts[0]?.content ?? '';
const read = (text: string): Ruleset => must(parseAzureNsg({ path: 'azure-nsg.tf', text }));

function editBlock(text: string, label: string, change: (block: string) => string | undefined): string {
  const start = text.indexOf(`" "${label}" {`);
  if (start < 0) throw new Error(`no block ${label}`);
  const from = text.lastIndexOf('resource', start);
  const to = text.indexOf('\n}\n', start) + 3;
  return text.slice(0, from) + (change(text.slice(from, to)) ?? '') + text.slice(to);
}

describe('our own network security groups read back', () => {
  for (const name of EXAMPLES) {
    const matrix = exampleMatrix(name);
    for (const fw of matrix.firewalls) {
      it(`${name} ${fw.name}: every row permitted, nothing opaque reached, nothing beyond the matrix`, () => {
        const rs = read(tf(matrix, fw.name));
        // Azure's default rules name service tags (opaque); the closing deny at 4096 keeps every packet from them.
        expect(opaqueRules(rs).every((r) => r.provenance.comment?.startsWith('Azure default rule'))).toBe(true);
        expectClean(matrix, fw.name, rs);
      });
    }
  }
  it('the realistic site too, and the format is detected; only the rows Azure cannot express are not let through', () => {
    const m = realisticMatrix();
    const out = generated(azureNsg, m, 'fw');
    const text = out.artifacts[0]?.content ?? '';
    expect(pickFormat('auto', [{ path: 'azure-nsg.tf', text }])).toMatchObject({ value: { id: 'azure-nsg' } });
    const refused = new Set(out.findings.filter((f) => f.rule.startsWith('target:azure-nsg')).map((f) => f.flow));
    expect(refused.size).toBeGreaterThan(0);
    const r = caught(m, 'fw', read(text));
    expect(r.beyond).toEqual([]);
    for (const row of r.rows) expect(refused, row).toContain(m.rows.find((x) => row.startsWith(x.key))?.flow);
  });
});

describe('mutations of the rules are caught', () => {
  const m = exampleMatrix('hamilton-site');
  const text = tf(m, 'fw-internal');
  const dns = 'hamilton_dns_in_udp_v4';
  const check = (mutated: string) => caught(m, 'fw-internal', read(mutated));
  /**
   * The same change on the Inbound and the Outbound copy of the rule: one copy alone is held by the other. Both
   * copies then open more than the matrix (the Outbound one in the first stage, the Inbound one in the second).
   */
  const both = (change: (block: string) => string | undefined) =>
    editBlock(editBlock(text, dns, change), dns.replace('_in_', '_out_'), change);
  it('the original is clean', () => expect(check(text)).toEqual({ rows: [], beyond: [] }));
  it('a dropped rule (one direction is enough)', () =>
    expect(check(editBlock(text, dns, () => undefined)).rows.length).toBeGreaterThan(0));
  it('a widened port', () => expect(check(both((b) => b.replace('["53"]', '["53-54"]'))).beyond).toHaveLength(2));
  it('source and destination swapped', () => {
    const r = check(
      both((b) =>
        b
          .replace('source_address_prefixes ', 'TMP ')
          .replace('destination_address_prefixes', 'source_address_prefixes')
          .replace('TMP ', 'destination_address_prefixes'),
      ),
    );
    expect(r.beyond).toHaveLength(2);
    expect(r.rows.length).toBeGreaterThan(0);
  });
  it('a changed address', () =>
    expect(check(both((b) => b.replace('"172.16.50.10"', '"172.16.50.11"'))).beyond).toHaveLength(2));
  it('an earlier deny (a lower priority number)', () => {
    const deny = `
resource "azurerm_network_security_rule" "early" {
  name = "early"
  priority = 105
  direction = "Inbound"
  access = "Deny"
  protocol = "Tcp"
  source_port_range = "*"
  destination_port_range = "53"
  source_address_prefix = "172.16.50.10"
  destination_address_prefix = "*"
  resource_group_name = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-internal.name
}
`;
    expect(check(text + deny).rows).toHaveLength(1);
  });
});

const decide = (rs: Ruleset, packet: string) => {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, p.value);
  return d.kind === 'decided' ? d.action : 'indeterminate';
};

describe('the reader reads HCL, not our layout', () => {
  const m = exampleMatrix('hamilton-site');
  const text = tf(m, 'fw-internal');
  it('alignment, attribute order, comments and the order of the resources change nothing', () => {
    const blocks = text.split('\n\n');
    const reshaped = [blocks[0] ?? '', ...blocks.slice(1).reverse()]
      .map((b) =>
        b
          .replace(/^( {2}\w+)\s+=\s+/gm, '$1 = ')
          .replace(
            /\{\n([\s\S]*?)\n\}/g,
            (_, body: string) => `{ # reordered\n${body.split('\n').reverse().join('\n')}\n}`,
          ),
      )
      .join('\n\n');
    expect(withoutProvenance(read(reshaped))).toEqual(withoutProvenance(read(text)));
  });
  it('inline security_rule blocks, Azure defaults, service tags opaque, 0.0.0.0/0 is IPv4 only', () => {
    const hand = `
resource "azurerm_network_security_group" "g" {
  name = "g"
  security_rule {
    name = "web"
    priority = 200
    direction = "Inbound"
    access = "Allow"
    protocol = "Tcp"
    source_port_range = "*"
    destination_port_range = "443"
    source_address_prefix = "0.0.0.0/0"
    destination_address_prefix = "10.0.0.4"
  }
  security_rule {
    name = "no-ssh"
    priority = 100
    direction = "Inbound"
    access = "Deny"
    protocol = "*"
    source_port_range = "*"
    destination_port_ranges = ["22", "443"]
    source_address_prefix = "192.0.2.0/24"
    destination_address_prefix = "*"
  }
  security_rule {
    name = "storage"
    priority = 300
    direction = "Outbound"
    access = "Allow"
    protocol = "Tcp"
    source_port_range = "*"
    destination_port_range = "443"
    source_address_prefix = "*"
    destination_address_prefix = "Storage.WestEurope"
  }
}`;
    // Outbound: the default AllowInternetOutBound names a service tag: what reaches it is indeterminate.
    expect(decide(read(hand), 'tcp 198.51.100.1:1000 -> 10.0.0.4:443')).toBe('indeterminate');
    const closed = hand.replace(
      /\}\s*$/,
      `  security_rule {
    name = "out"
    priority = 4000
    direction = "Outbound"
    access = "Allow"
    protocol = "*"
    source_port_range = "*"
    destination_port_range = "*"
    source_address_prefix = "*"
    destination_address_prefix = "*"
  }
}`,
    );
    const open = read(closed);
    expect(decide(open, 'tcp 198.51.100.1:1000 -> 10.0.0.4:443')).toBe('accept');
    expect(decide(open, 'tcp 192.0.2.7:1000 -> 10.0.0.4:443')).toBe('drop');
    expect(decide(open, 'tcp 198.51.100.1:1000 -> 10.0.0.4:444')).not.toBe('accept');
    expect(decide(open, 'tcp [2001:db8::1]:1000 -> [2001:db8::4]:443')).not.toBe('accept');
  });
  it('what Terraform computes, and what Azure refuses, is an error at its line', () => {
    for (const [bad, line] of [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, on purpose.
      ['resource "azurerm_network_security_rule" "a" {\n  name = "${var.n}"\n}', 2],
      ['resource "azurerm_network_security_rule" "a" {\n  priority = 5000\n}', 2],
      [
        'resource "azurerm_network_security_rule" "a" {\n  name = "a"\n  priority = 100\n  direction = "Inbound"\n  access = "Allow"\n  protocol = "Gre"\n}',
        6,
      ],
    ] as const) {
      const r = parseAzureNsg({ path: 'x.tf', text: bad });
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.issues[0], bad).toMatchObject({ file: 'x.tf', line });
    }
  });
});

describe('hostile names never change what is read', () => {
  it('flows, references and catalogs named with quotes, newlines, commands and templates', () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(arbitraryLabMatrix(), text, text, text, (m, flow, ref, catalog) => {
        const hostile: Matrix = { ...m, rows: m.rows.map((r) => ({ ...r, flow: `${flow}${r.flow}`, ref, catalog })) };
        expect(withoutProvenance(read(tf(hostile, 'fw')))).toEqual(withoutProvenance(read(tf(m, 'fw'))));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
