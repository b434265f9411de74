import { describe, expect, it } from 'vitest';
import {
  readAuth,
  readDirection,
  readEncryption,
  readEndpoint,
  readLevel,
  readServices,
} from '../../src/import/table/cells.js';

const services = (protocol: string, ports: string) => {
  const r = readServices(protocol, ports);
  return r.ok ? r.value.specs : `error: ${r.message}`;
};

describe('import table: protocol and port cells', () => {
  it.each([
    ['TCP', '443', ['tcp/443']],
    ['', 'TCP/UDP 53', ['tcp/53', 'udp/53']],
    ['TCP/UDP', '53', ['tcp/53', 'udp/53']],
    ['tcp et udp', '88', ['tcp/88', 'udp/88']],
    ['TCP', '443 ou 49443', ['tcp/443,49443']],
    ['TCP', '443 or 49443', ['tcp/443,49443']],
    ['UDP', '50 000-59 999', ['udp/50000-59999']],
    ['UDP', '50\u00A0000-59\u00A0999', ['udp/50000-59999']],
    ['UDP', '50\u202F000\u202F-\u202F59\u202F999', ['udp/50000-59999']],
    ['TCP', '50 000 – 59 999', ['tcp/50000-59999']],
    ['', 'TCP 443, UDP 3478', ['tcp/443', 'udp/3478']],
    ['', 'tcp/80,443', ['tcp/80,443']],
    ['TCP', '80/443', ['tcp/80,443']],
    ['TCP', 'any', ['tcp/any']],
    ['any', '', ['ip']],
    ['ICMP', '', ['icmp']],
    ['icmp', '8', ['icmp/8']],
    ['ESP', '', ['esp']],
    ['', '', []],
  ])('%j %j → %j', (protocol, ports, expected) => {
    expect(services(protocol, ports)).toEqual(expected);
  });

  it.each([
    ['', '443', /no protocol for "443"/],
    ['HTTP', '80', /"HTTP" is not a protocol/],
    ['TCP', '', /TCP without a port/],
    ['TCP', '70000', /port 70000 out of range/],
    ['TCP', '443 à 445', /not a port or a range/],
    ['ESP', '50', /after ESP/],
  ])('%j %j is refused: %s', (protocol, ports, message) => {
    expect(services(protocol, ports)).toMatch(message);
  });

  it('marks "or" cells so the catalog says every alternative is opened', () => {
    const r = readServices('TCP', '443 ou 49443');
    expect(r.ok && r.value.alternatives).toBe('443 ou 49443');
    const plain = readServices('TCP', '443');
    expect(plain.ok && plain.value.alternatives).toBeUndefined();
  });
});

describe('import table: address cells', () => {
  it.each([
    ['10.0.0.1', { addresses: ['10.0.0.1/32'], hosts: [] }],
    [
      '10.0.0.0/24, srv01.corp.example\n2001:db8::1',
      { addresses: ['10.0.0.0/24', 'srv01.corp.example', '2001:db8::1/128'], hosts: [] },
    ],
    ['SRV-SQL01 ; 192.0.2.10', { addresses: ['192.0.2.10/32'], hosts: ['SRV-SQL01'] }],
    ['srv-a et srv-b', { addresses: [], hosts: ['srv-a', 'srv-b'] }],
    ['any', { addresses: ['any'], hosts: [] }],
    ['*.outlook.com', { addresses: ['*.outlook.com'], hosts: [] }],
    [
      'Serveur WEB (IIS) (172.16.50.10, 2001:db8:50::10)',
      { title: 'Serveur WEB (IIS)', addresses: ['172.16.50.10/32', '2001:db8:50::10/128'], hosts: [] },
    ],
  ])('%j', (cell, expected) => {
    const r = readEndpoint(cell);
    expect(r.ok && r.value).toEqual(expected);
  });

  it.each([
    ['10.0.0.256', /"10\.0\.0\.256"/],
    ['serveur web', /"serveur web" .*is not an address/],
    ['', /empty/],
    ['10.0.0.1:443', /carries a port/],
  ])('%j is refused', (cell, message) => {
    const r = readEndpoint(cell);
    expect(r.ok ? 'read' : r.message).toMatch(message);
  });
});

describe('import table: vocabulary cells, French and English', () => {
  it('reads levels, directions, authentication and encryption by id or label', () => {
    expect(readLevel('Obligatoire')).toEqual({ ok: true, value: 'mandatory' });
    expect(readLevel('recommended')).toEqual({ ok: true, value: 'recommended' });
    expect(readLevel('peut-être').ok).toBe(false);
    expect(readDirection('Entrant')).toEqual({ ok: true, value: 'inbound' });
    expect(readDirection('Outbound')).toEqual({ ok: true, value: 'outbound' });
    expect(readAuth('Negotiate (Kerberos or NTLM), Certificate')).toEqual({
      ok: true,
      value: ['negotiate', 'certificate'],
    });
    expect(readAuth('Negotiate (Kerberos ou NTLM), Certificat')).toEqual({
      ok: true,
      value: ['negotiate', 'certificate'],
    });
    expect(readAuth('Kerberos / NTLM')).toEqual({ ok: true, value: ['kerberos', 'ntlm'] });
    expect(readAuth('magic').ok).toBe(false);
    expect(readEncryption('None (cleartext)')).toEqual({ ok: true, value: { supported: [] } });
    expect(readEncryption('Aucun (en clair)')).toEqual({ ok: true, value: { supported: [] } });
    expect(readEncryption('TLS (TLS ≥ 1.2)')).toEqual({ ok: true, value: { supported: ['tls'], minTls: '1.2' } });
    expect(readEncryption('TLS 1.2, IPsec')).toEqual({
      ok: true,
      value: { supported: ['tls', 'ipsec'], minTls: '1.2' },
    });
    expect(readEncryption('oui').ok).toBe(false);
  });
});
