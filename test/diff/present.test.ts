import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../../src/diff/diff.js';
import { fieldLines, renderDiffText } from '../../src/diff/formats/text.js';
import { shownFields } from '../../src/diff/present.js';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import type { Lang } from '../../src/model/text.js';
import { endpoint, hop, matrix, row, service } from '../fixtures/targets/build.js';

/** web → sms-provider through the proxy: no firewall to the proxy, fw-edge after it (the Hamilton SMS row). */
const sms = (): MatrixRow =>
  row({
    flow: 'sms',
    from: endpoint('web', ['172.16.50.10/32']),
    to: endpoint('sms-provider', ['api.sms.example']),
    services: service('tcp/443'),
    hops: [],
    proxy: {
      via: endpoint('proxy', ['172.16.50.20/32']),
      services: service('tcp/3128'),
      hops: [hop('fw-edge', 'dmz', 'internet')],
    },
  });
const direct = (): MatrixRow => {
  const r = row({
    flow: 'sms',
    from: endpoint('web', ['172.16.50.10/32']),
    to: endpoint('sms-provider', ['api.sms.example']),
    services: service('tcp/443'),
    hops: [],
  });
  return { ...r, key: sms().key };
};
const of = (rows: MatrixRow[]): Matrix => matrix(rows, []);
const lines = (a: MatrixRow[], b: MatrixRow[], lang: Lang): string[] => {
  const d = diffMatrices(of(a), of(b), { old: 'A', new: 'B' });
  return renderDiffText(d, lang).split('\n').slice(3, -1);
};

describe('firewalls crossed, before and after, in words', () => {
  it.each<[string, MatrixRow[], MatrixRow[], Lang, string[]]>([
    [
      'a closed row shows its one side, under a line that says which',
      [sms()],
      [],
      'en',
      [
        '[Closed] fixture/sms (web → sms-provider) — key fixture.sms, ref sms',
        '    Before (the row is gone after):',
        '      Source: 172.16.50.10',
        '      Destination: api.sms.example',
        '      Protocols and ports: tcp/443',
        '      Zones: lan → internet',
        '      Firewalls crossed: fw-edge (dmz → internet, after the proxy)',
      ],
    ],
    [
      'the same, in French',
      [sms()],
      [],
      'fr',
      [
        '[Fermé] fixture/sms (web → sms-provider) — clé fixture.sms, ref sms',
        '    Avant (la ligne n’existe plus après)\u00a0:',
        '      Source\u00a0: 172.16.50.10',
        '      Destination\u00a0: api.sms.example',
        '      Protocoles et ports\u00a0: tcp/443',
        '      Zones\u00a0: lan → internet',
        '      Pare-feu traversés\u00a0: fw-edge (dmz → internet, après le proxy)',
      ],
    ],
    [
      'an opened row',
      [],
      [direct()],
      'en',
      [
        '[Opened] fixture/sms (web → sms-provider) — key fixture.sms, ref sms',
        '    After (the row did not exist before):',
        '      Source: 172.16.50.10',
        '      Destination: api.sms.example',
        '      Protocols and ports: tcp/443',
        '      Zones: lan → lan',
        '      Firewalls crossed: none',
      ],
    ],
  ])('%s (%s)', (_name, a, b, lang, expected) => {
    expect(lines(a, b, lang)).toEqual(expected);
  });

  it.each<[Lang, string]>([
    ['en', 'Firewalls crossed: before: fw-edge (dmz → internet, after the proxy); after: none'],
    ['fr', 'Pare-feu traversés\u00a0: avant\u00a0: fw-edge (dmz → internet, après le proxy)\u00a0; après\u00a0: aucun'],
  ])('a row that stops crossing a firewall (%s)', (lang, expected) => {
    const d = diffMatrices(of([sms()]), of([direct()]), { old: 'A', new: 'B' });
    const shown = shownFields(d.changes[0] as (typeof d.changes)[number], lang).find((f) => f.field === 'firewalls');
    expect(shown && fieldLines(shown, lang)).toEqual([expected]);
  });
});
