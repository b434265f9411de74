import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../../src/diff/diff.js';
import type { ChangeClass } from '../../src/diff/types.js';
import type { MatrixRow } from '../../src/model/matrix.js';
import { endpoint, hop, row, service } from '../fixtures/targets/build.js';
import { diffPair, single } from './pair.js';

const labels = { old: 'old', new: 'new' };
const base = row({
  flow: 'f',
  from: endpoint('a', ['10.0.0.0/24']),
  to: endpoint('b', ['10.1.0.1/32', 'api.example']),
  services: service('tcp/443'),
  hops: [hop('fw', 'lan', 'dmz')],
});
const classesOf = (after: MatrixRow): readonly ChangeClass[] =>
  diffMatrices(single(base), single(after), labels).changes[0]?.classes ?? [];

describe('diffMatrices', () => {
  it('finds nothing between a matrix and itself, or a copy of it', () => {
    const { old } = diffPair();
    const d = diffMatrices(old, structuredClone(old), labels);
    expect(d.changes).toEqual([]);
    expect(d.unchanged).toBe(old.rows.length);
  });

  it.each<[string, MatrixRow, ChangeClass[]]>([
    ['more ports', { ...base, services: service('tcp/443,8443') }, ['widened']],
    ['a port range grown', { ...base, services: service('tcp/443-444') }, ['widened']],
    ['the same port written as a range', { ...base, services: service('tcp/443-443') }, []],
    ['another protocol', { ...base, services: [...service('tcp/443'), ...service('udp/443')] }, ['widened']],
    ['a larger source', { ...base, source: endpoint('a', ['10.0.0.0/23']) }, ['widened']],
    ['a smaller source', { ...base, source: endpoint('a', ['10.0.0.0/25']) }, ['narrowed']],
    [
      'the same source written as two halves',
      { ...base, source: endpoint('a', ['10.0.0.0/25', '10.0.0.128/25']) },
      ['text'],
    ],
    [
      'a name swapped for another',
      { ...base, destination: endpoint('b', ['10.1.0.1/32', 'api2.example']) },
      ['widened', 'narrowed'],
    ],
    ['any destination', { ...base, destination: endpoint('b', ['any']) }, ['widened', 'narrowed']],
    [
      'encryption documented where it was not',
      { ...base, encryption: { supported: ['tls'], byDefault: 'yes', minTls: '1.0' } },
      ['security'],
    ],
    ['purpose reworded', { ...base, purpose: { fr: 'Autre', en: 'Other' } }, ['text']],
    [
      'other firewall',
      { ...base, legs: [{ ...(base.legs[0] as MatrixRow['legs'][0]), hops: [hop('fw2', 'lan', 'dmz')] }] },
      ['moved'],
    ],
  ])('%s', (_, after, expected) => {
    expect(classesOf(after)).toEqual(expected);
  });

  it('classes a weaker TLS minimum, a lost mechanism and a weak default as weakened, a stronger one as security', () => {
    const enc = (minTls?: '1.0' | '1.2' | '1.3', supported: ('tls' | 'ipsec')[] = ['tls']) => ({
      ...base,
      encryption: { supported, byDefault: 'yes' as const, ...(minTls ? { minTls } : {}) },
    });
    const diff = (a: MatrixRow, b: MatrixRow) => diffMatrices(single(a), single(b), labels).changes[0]?.classes;
    expect(diff(enc('1.2'), enc('1.0'))).toEqual(['weakened']);
    expect(diff(enc('1.2'), enc())).toEqual(['weakened']);
    expect(diff(enc('1.2'), enc('1.3'))).toEqual(['security']);
    expect(diff(enc('1.2', ['tls', 'ipsec']), enc('1.2', ['tls']))).toEqual(['weakened']);
    expect(diff(enc('1.2', ['tls']), enc('1.2', []))).toEqual(['weakened']);
    const auth = (d: ('kerberos' | 'ntlm')[]) => ({ ...base, auth: { default: d, supported: d } });
    expect(diff(auth(['kerberos']), auth(['kerberos', 'ntlm']))).toEqual(['weakened']);
    expect(diff(auth(['kerberos', 'ntlm']), auth(['kerberos']))).toEqual(['security']);
  });

  it('gives field-level before and after, with what was added and removed', () => {
    const d = diffMatrices(
      single(base),
      single({ ...base, services: service('tcp/443,8443'), source: endpoint('a', ['10.0.0.0/25']) }),
      labels,
    );
    const fields = d.changes[0]?.fields ?? [];
    expect(fields.find((f) => f.field === 'services')).toMatchObject({
      before: 'tcp/443',
      after: 'tcp/443,8443',
      added: 'tcp/8443',
    });
    expect(fields.find((f) => f.field === 'source')).toMatchObject({
      before: '10.0.0.0/24',
      after: '10.0.0.0/25',
      removed: '10.0.0.128/25',
    });
  });

  it('classes the fixture pair: one change of each class, the moved row followed across its key change', () => {
    const { old, new: now } = diffPair();
    const d = diffMatrices(old, now, labels);
    const byFlow = Object.fromEntries(d.changes.map((c) => [(c.after ?? c.before)?.flow, c.classes]));
    expect(byFlow).toEqual({
      'web-smtp': ['widened'],
      ping: ['narrowed'],
      'admin-web': ['weakened'],
      graph: ['security'],
      'web-sql': ['moved'],
      'ssh-v6': ['text'],
      syslog: ['opened'],
      ntp: ['closed'],
    });
    const moved = d.changes.find((c) => c.classes.includes('moved'));
    expect(moved?.oldKey).toBe('fixture.web-sql');
    expect(d.counts).toMatchObject({
      opened: 1,
      closed: 1,
      widened: 1,
      narrowed: 1,
      weakened: 1,
      security: 1,
      moved: 1,
      text: 1,
    });
    expect(d.unchanged).toBe(old.rows.length - 7);
  });
});
