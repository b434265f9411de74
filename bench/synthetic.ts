/**
 * Synthetic catalogs and sites of any size, for benchmarks: realistic shapes (roles bound to hosts and groups
 * across three zones, services with ranges, features, two firewalls), deterministic for a given size.
 */
export interface SyntheticFiles {
  readonly catalog: string;
  readonly site: string;
  /** The same site with the LAN roles run as Kubernetes pods (for the kubernetes target). */
  readonly k8sSite: string;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

export function syntheticFiles(flows: number, catalogFile = 'synthetic.yaml'): SyntheticFiles {
  const rand = rng(flows);
  const roles = Math.max(10, Math.round(Math.sqrt(flows) * 2));
  const services = 100;
  const features = 20;
  const c: string[] = [];
  c.push(
    'id: synthetic',
    'title: { fr: Catalogue synthétique, en: Synthetic catalog }',
    'vendor: Bench',
    'product: Bench',
  );
  c.push('source: { document: synthetic, title: Synthetic }', 'roles:');
  for (let r = 0; r < roles; r++) {
    if (r % 10 === 9)
      c.push(
        `  r${r}: { title: { fr: Rôle ${r}, en: Role ${r} }, addresses: [svc${r}.example.com, 203.0.113.${r % 250}] }`,
      );
    else c.push(`  r${r}: { title: { fr: Rôle ${r}, en: Role ${r} } }`);
  }
  c.push('services:');
  for (let s = 0; s < services; s++) {
    const port = 1000 + s * 7;
    // A few web services so the outbound proxy (PAC, Squid) has work too.
    if (s % 25 === 1) {
      c.push(`  s${s}: { ports: [tcp/443], app: HTTPS }`);
      continue;
    }
    const spec = s % 10 === 0 ? `udp/${port}-${port + 99}` : s % 3 === 0 ? `"tcp/${port},${port + 1}"` : `tcp/${port}`;
    c.push(`  s${s}: { ports: [${spec}], app: APP${s} }`);
  }
  c.push('features:');
  for (let f = 0; f < features; f++)
    c.push(`  f${f}: { title: { fr: Option ${f}, en: Option ${f} }, default: ${f % 2 === 0} }`);
  c.push('flows:');
  for (let i = 0; i < flows; i++) {
    const from = Math.floor(rand() * roles);
    let to = Math.floor(rand() * roles);
    if (to === from) to = (to + 1) % roles;
    const s1 = Math.floor(rand() * services);
    const s2 = Math.floor(rand() * services);
    const when = i % 4 === 0 ? `\n    when: f${i % features}` : '';
    c.push(
      `  - id: flow-${i}\n    ref: row ${i + 1}\n    purpose: { fr: Flux numéro ${i}, en: Flow number ${i} }\n    from: r${from}\n    to: r${to}\n    services: [s${s1}${s2 !== s1 ? `, s${s2}` : ''}]\n    level: ${['mandatory', 'recommended', 'optional'][i % 3]}${when}\n    auth: { default: [kerberos], supported: [kerberos, ntlm] }\n    encryption: { supported: [tls], byDefault: ${i % 5 === 0 ? 'no' : 'yes'}, minTls: '1.2' }`,
    );
  }
  const s: string[] = [];
  s.push(
    'id: synthetic-site',
    'title: Synthetic site',
    'catalogs:',
    `  - catalog: ./${catalogFile}`,
    '    features: { f1: true }',
    '    roles:',
  );
  for (let r = 0; r < roles; r++) if (r % 10 !== 9) s.push(`      r${r}: [${r % 3 === 0 ? `g${r}` : `h${r}`}]`);
  s.push('zones:');
  s.push('  lan: { kind: internal, cidrs: [10.0.0.0/8, "fd00::/8"] }');
  s.push('  dmz: { kind: perimeter, cidrs: [192.168.0.0/16] }');
  s.push('  internet: { kind: external, cidrs: [], default: true }');
  s.push('hosts:');
  for (let r = 0; r < roles; r++) {
    const zone = r % 4 === 0 ? `192.168.${r % 250}.${((r >> 8) % 250) + 1}` : `10.${r % 250}.${(r >> 8) % 250}.1`;
    s.push(`  h${r}: { address: ${zone} }`);
    if (r % 3 === 0) s.push(`  h${r}b: { address: "fd00::${r.toString(16)}" }`);
  }
  s.push('  proxy-1: { address: 192.168.250.3 }');
  s.push('groups:');
  for (let r = 0; r < roles; r += 3) s.push(`  g${r}: [h${r}, h${r}b]`);
  s.push('firewalls:');
  s.push('  - { name: fw-internal, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0, dmz: eth1 } }');
  s.push(
    '  - { name: fw-edge, platform: iptables, zones: [dmz, internet], interfaces: { dmz: eth0, internet: eth1 } }',
  );
  s.push('proxy: { name: web-proxy, host: proxy-1, port: 3128, zones: [internet] }');
  const site = `${s.join('\n')}\n`;
  // LAN hosts become pods: `h12: { address: 10.12.0.1 }` → `h12: { zone: lan, k8s: { namespace: ns2, pods: { app: r12 } } }`.
  const k8sSite = site.replace(/^ {2}h(\d+): \{ address: 10\.[0-9.]+ \}$/gm, (_, r: string) => {
    return `  h${r}: { zone: lan, k8s: { namespace: ns${Number(r) % 5}, pods: { app: r${r} } } }`;
  });
  return { catalog: `${c.join('\n')}\n`, site, k8sSite };
}
