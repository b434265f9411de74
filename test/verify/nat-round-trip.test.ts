import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetId } from '../../src/targets/index.js';
import { run } from '../cli/run.js';
import { NAT_WRITERS, natOnRequest, readable } from '../targets/support/registry.js';

/**
 * Round trip through NAT, end to end through the CLI: the Lync Edge behind NAT (three static 1:1 translations and a
 * port forward on fw-external) generated for each platform whose reader fills the NAT stage, then verified — every
 * row permitted, nothing indeterminate, no rule opening more than the matrix. Then the configuration is changed as
 * people break it (the NAT rule dropped, the mapped address changed) and verify names the row and the reason.
 */
const SITE = 'examples/nat/lync-2013-edge-nat-site.yaml';
const FIREWALL = 'fw-external';
/** Every target that writes translations (declares a `natView`): support/registry.ts. */
const TARGETS = NAT_WRITERS;

/** The folder `generate` wrote the firewall's files in for `target`. */
async function generatedIn(target: string, extra: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `fm-nat-${target}-`));
  const g = await run(['generate', SITE, '--firewall', FIREWALL, '-t', target, '-o', dir, ...extra]);
  expect(g.code, g.err).toBe(0);
  return dir;
}

/** The one file of the output whose name ends in `suffix`. */
async function generated(target: string, suffix: string, extra: string[] = []): Promise<string> {
  const dir = await generatedIn(target, extra);
  const file = readdirSync(dir).find((f) => f.endsWith(suffix));
  if (!file) throw new Error(`no ${suffix} in ${readdirSync(dir).join(', ')}`);
  return join(dir, file);
}

/** The configuration files of the output: those the target's own syntaxes read (iptables: ip6tables-save too). */
async function configurations(target: TargetId, extra: string[] = []): Promise<string[]> {
  const dir = await generatedIn(target, extra);
  const files = readdirSync(dir).map((f) => ({ path: join(dir, f), content: readFileSync(join(dir, f), 'utf8') }));
  const configs = readable(target, files).map((f) => f.path);
  if (configs.length === 0) throw new Error(`no configuration of ${target} in ${readdirSync(dir).join(', ')}`);
  return configs;
}

const verify = async (config: string | readonly string[]) =>
  JSON.parse(
    (
      await run([
        'verify',
        SITE,
        '--firewall',
        FIREWALL,
        ...[config].flat().flatMap((c) => ['--config', c]),
        '-r',
        'json',
      ])
    ).out,
  ) as {
    counts: Record<string, number>;
    items: { kind: string; message: { en: string }; verdict?: string; details: { en: string }[] }[];
  };

/** The file with `change` applied to its text (which must change it). */
function mutated(path: string, name: string, change: (text: string) => string): string {
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  const out = join(mkdtempSync(join(tmpdir(), 'fm-nat-mut-')), name);
  writeFileSync(out, after);
  return out;
}

const rowDetails = (r: Awaited<ReturnType<typeof verify>>, flow: string): string[] =>
  r.items.find((i) => i.kind === 'row' && i.message.en.includes(`/${flow} `))?.details.map((d) => d.en) ?? [];

describe('verify through NAT: generate, verify, break', () => {
  it('asks every target that writes translations', () => expect(TARGETS.length).toBeGreaterThan(0));
  for (const target of TARGETS) {
    it(`${target}: every row permitted, nothing indeterminate, nothing beyond the matrix`, async () => {
      const options = natOnRequest(target) ? ['--option', 'nat=true'] : [];
      const r = await verify(await configurations(target, options));
      expect(r.counts).toMatchObject({ partial: 0, denied: 0, indeterminate: 0 });
      expect(r.counts.permitted).toBe(19);
      expect(r.items.filter((i) => i.kind === 'beyond-matrix' || i.kind === 'unused')).toEqual([]);
      // PAN-OS's predefined intrazone-default allow is the device's, not a line of the file.
      for (const i of r.items.filter((x) => x.kind === 'any-to-any'))
        expect(JSON.stringify(i)).toMatch(/intrazone-default \(predefined: allow\)/);
    });
  }

  it('panos: the static NAT rule dropped, the rows to the Access Edge are not translated, and say so', async () => {
    const file = await generated('panos', '.panos.set');
    const broken = mutated(file, 'no-nat.set', (t) =>
      t
        .split('\n')
        .filter((l) => !l.startsWith('set rulebase nat rules fm-nat-0 '))
        .join('\n'),
    );
    const r = await verify(broken);
    expect(r.counts.permitted).toBeLessThan(19);
    const xmpp = rowDetails(r, 'ext-xmpp-in');
    expect(xmpp.join('\n')).toMatch(
      /does not reach the destination: tcp port 5269 from any to 203\.0\.113\.10\/32 — not translated: no NAT rule sends 203\.0\.113\.10 to 172\.16\.20\.10/,
    );
  });

  it('panos: the mapped address changed, verify names the NAT rule and where it sends the packet', async () => {
    const file = await generated('panos', '.panos.set');
    const broken = mutated(file, 'moved.set', (t) =>
      t.replace(
        'fm-nat-1 from dmz to internet source 172.16.20.11 ',
        'fm-nat-1 from dmz to internet source 172.16.20.99 ',
      ),
    );
    const r = await verify(broken);
    const psom = rowDetails(r, 'ext-psom-in');
    expect(psom.join('\n')).toMatch(/translated by .*moved\.set:\d+ to 172\.16\.20\.99\/32, not to 172\.16\.20\.11/);
  });

  it('fortios: the VIP mapped elsewhere, verify names the VIP and the address', async () => {
    const file = await generated('fortios', '.fortios.conf');
    const broken = mutated(file, 'moved.conf', (t) =>
      t.replace('set mappedip "172.16.20.12"', 'set mappedip "172.16.20.99"'),
    );
    const r = await verify(broken);
    const stun = rowDetails(r, 'ext-stun-udp-in');
    expect(stun.join('\n')).toMatch(/translated by .*moved\.conf:\d+ to 172\.16\.20\.99\/32, not to 172\.16\.20\.12/);
    expect(r.counts.permitted).toBeLessThan(19);
  });

  it('fortios: the policy names the real address instead of the VIP, the row is denied (VIP traffic meets VIP policies only)', async () => {
    const file = await generated('fortios', '.fortios.conf');
    const broken = mutated(file, 'real.conf', (t) =>
      t.replace(/set dstaddr "fm_vip_2"/g, 'set dstaddr "host_172.16.20.12"'),
    );
    const r = await verify(broken);
    const stun = r.items.find((i) => i.kind === 'row' && i.message.en.includes('/ext-stun-udp-in '));
    expect(stun?.verdict).toBe('denied');
  });
});

describe('verify through NAT on the Linux targets', () => {
  it('nftables without its nat table: the published rows are denied, checked on the public address', async () => {
    const r = await verify(await generated('nftables', '.nft'));
    expect(r.counts.denied).toBeGreaterThan(0);
    expect(rowDetails(r, 'ext-xmpp-in').join('\n')).toMatch(
      /not let through: tcp port 5269 from any to 203\.0\.113\.10\/32/,
    );
  });

  it('nftables: the dnat sent elsewhere, the ct original rule no longer lets the row through, named', async () => {
    const file = await generated('nftables', '.nft', ['--option', 'nat=true']);
    const broken = mutated(file, 'moved.nft', (t) => t.replace('dnat ip to 172.16.20.10 ', 'dnat ip to 172.16.20.99 '));
    const r = await verify(broken);
    expect(r.counts.permitted).toBeLessThan(19);
    expect(rowDetails(r, 'ext-xmpp-in').join('\n')).toMatch(/172\.16\.20\.99/);
  });
});
