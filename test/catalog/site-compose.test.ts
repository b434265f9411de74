import { describe, expect, it } from 'vitest';
import { parseSiteText, readYamlText } from '../../src/catalog/parse.js';
import { composeSite, type SiteFiles } from '../../src/catalog/site-compose.js';
import { formatIssue, type Issue } from '../../src/model/issues.js';

/** Site files in memory: `/x/a.yaml` ids, references resolved against the writing file's folder. */
function memory(files: Record<string, string>): SiteFiles {
  const norm = (path: string): string => {
    const out: string[] = [];
    for (const part of path.split('/')) {
      if (part === '..') out.pop();
      else if (part !== '.' && part !== '') out.push(part);
    }
    return `/${out.join('/')}`;
  };
  return {
    resolve: (from, ref) => norm(`${from.slice(0, from.lastIndexOf('/'))}/${ref}`),
    read: (id) => {
      const text = files[id];
      if (text === undefined) {
        const i: Issue = {
          code: 'file-not-found',
          severity: 'error',
          path: [],
          message: `file "${id}" does not exist`,
        };
        return { issue: { ...i, file: id, line: 1, col: 1 } };
      }
      return { text: readYamlText(text, id.slice(1)) };
    },
  };
}

const compose = (files: Record<string, string>, root = '/site.yaml') => composeSite(root, memory(files));
const messages = (issues: readonly Issue[]) => issues.map(formatIssue);

describe('include: shared files are united', () => {
  it('adds maps key by key, merges keyed lists by name, concatenates policy-like lists', () => {
    const c = compose({
      '/site.yaml':
        'id: s\ninclude: [inv/a.yaml, inv/b.yaml]\nhosts:\n  own: { address: 10.0.0.3 }\npolicy:\n  - { from: lan, to: internet, access: allow-all }\n',
      '/inv/a.yaml':
        'hosts:\n  h1: { address: 10.0.0.1 }\nfirewalls:\n  - { name: fw1, platform: nftables, zones: [a, b] }\npolicy:\n  - { from: any, to: any, access: block-all }\n',
      '/inv/b.yaml':
        'hosts:\n  h2: { address: 10.0.0.2 }\nfirewalls:\n  - { name: fw2, platform: iptables, zones: [a, b] }\n',
    });
    expect(messages(c.issues)).toEqual([]);
    expect(c.data).toEqual({
      id: 's',
      hosts: { h1: { address: '10.0.0.1' }, h2: { address: '10.0.0.2' }, own: { address: '10.0.0.3' } },
      firewalls: [
        { name: 'fw1', platform: 'nftables', zones: ['a', 'b'] },
        { name: 'fw2', platform: 'iptables', zones: ['a', 'b'] },
      ],
      policy: [
        { from: 'any', to: 'any', access: 'block-all' },
        { from: 'lan', to: 'internet', access: 'allow-all' },
      ],
    });
    expect(c.files).toEqual(['/site.yaml', '/inv/a.yaml', '/inv/b.yaml']);
  });

  it('places every value in the file and at the line it was written', () => {
    const c = compose({
      '/site.yaml': 'id: s\ninclude: inv.yaml\nhosts:\n  own: { address: 10.0.0.3 }\n',
      '/inv.yaml': '# shared\nhosts:\n  h1:\n    address: 10.0.0.1\nfirewalls:\n  - name: fw1\n    zones: [a, b]\n',
    });
    const at = (path: (string | number)[]) => {
      const [i] = c.place([{ code: 'schema', severity: 'error', path, message: 'm' }]);
      return `${i?.file}:${i?.line}:${i?.col}`;
    };
    expect(at(['hosts', 'h1', 'address'])).toBe('inv.yaml:4:14');
    expect(at(['hosts', 'own', 'address'])).toBe('site.yaml:4:19');
    expect(at(['firewalls', 0, 'zones', 1])).toBe('inv.yaml:7:16');
    expect(at(['firewalls', 0, 'platform'])).toBe('inv.yaml:6:5'); // missing: the entry that lacks it
    expect(c.sourceOf(['hosts', 'h1'])).toEqual({ id: '/inv.yaml', path: ['hosts', 'h1'] });
  });

  it('a file included twice (a diamond) is read once, no conflict', () => {
    const c = compose({
      '/site.yaml': 'include: [a.yaml, b.yaml]\n',
      '/a.yaml': 'include: zones.yaml\nhosts: { h1: { address: 10.0.0.1 } }\n',
      '/b.yaml': 'include: zones.yaml\nhosts: { h2: { address: 10.0.0.2 } }\n',
      '/zones.yaml': 'zones: { lan: { kind: internal } }\npolicy: [{ from: any, to: any, access: allow-all }]\n',
    });
    expect(messages(c.issues)).toEqual([]);
    expect((c.data as { policy: unknown[] }).policy).toHaveLength(1);
    expect(c.files).toEqual(['/site.yaml', '/a.yaml', '/zones.yaml', '/b.yaml']);
  });

  it('the same definition written the same way twice is accepted; written differently, an error naming both places', () => {
    const c = compose({
      '/site.yaml': 'include: [a.yaml, b.yaml]\nzones:\n  lan: { kind: internal }\n',
      '/a.yaml': 'zones:\n  lan: { kind: internal }\nhosts:\n  web: { address: 10.0.0.1 }\n',
      '/b.yaml':
        'hosts:\n  web: { address: 10.0.0.1, zone: lan }\ncatalogs:\n  - { catalog: x, parameters: { p: 1 } }\n',
    });
    expect(messages(c.issues)).toEqual([
      'b.yaml:2:3: host "web" is defined differently here and at a.yaml:4:3 — define it once, in one shared file; to change an inherited value, extend the site that has it (extends overrides, include does not)',
    ]);
    expect(c.data).toBeUndefined();
  });

  it('catalog uses merge by catalog, their values conflict one by one', () => {
    const c = compose({
      '/site.yaml':
        'include: params.yaml\ncatalogs:\n  - catalog: x\n    features: { f: true }\n    parameters: { p: 2 }\n',
      '/params.yaml': 'catalogs:\n  - catalog: x\n    parameters: { p: 1, q: 3 }\n',
    });
    expect(messages(c.issues)).toEqual([
      'site.yaml:5:19: catalogs.x.parameters.p is defined differently here and at params.yaml:3:19 — define it once, in one shared file; to change an inherited value, extend the site that has it (extends overrides, include does not)',
    ]);
  });

  it('a cycle is an error at the include that closes it, naming the one that opened it', () => {
    const c = compose({
      '/site.yaml': 'include: a.yaml\n',
      '/a.yaml': 'include: [b.yaml]\n',
      '/b.yaml': 'include:\n  - a.yaml\n',
    });
    expect(messages(c.issues)).toEqual([
      'b.yaml:2:5: include cycle: a.yaml → b.yaml → a.yaml (the cycle starts at a.yaml:1:11) — a file cannot include or extend itself, directly or through others: remove one of these includes',
    ]);
    const self = compose({ '/site.yaml': 'id: s\ninclude: site.yaml\n' });
    expect(messages(self.issues)).toEqual([
      'site.yaml:2:10: include cycle: site.yaml → site.yaml (the cycle starts at site.yaml:2:10) — a file cannot include or extend itself, directly or through others: remove one of these includes',
    ]);
  });

  it('a missing file is an error at the entry naming it; a bad include value is one too', () => {
    const c = compose({ '/site.yaml': 'include: [there.yaml, nowhere.yaml, 3]\n', '/there.yaml': 'hosts: {}\n' });
    expect(messages(c.issues)).toEqual([
      'site.yaml:1:23: file "/nowhere.yaml" does not exist — include paths are relative to the file that writes them',
      'site.yaml:1:37: include[2] must be a file path — e.g. include: [inventory.yaml] or extends: base.yaml',
    ]);
  });
});

describe('what cannot be combined', () => {
  it('an included file of comments only adds nothing; one holding a list is an error', () => {
    const c = compose({
      '/site.yaml': 'id: s\ninclude: [empty.yaml, list.yaml]\n',
      '/empty.yaml': '# nothing yet\n',
      '/list.yaml': '- a\n- b\n',
    });
    expect(messages(c.issues)).toEqual([
      'list.yaml:1:1: an included file holds parts of a site (zones:, hosts:, firewalls:…), not a list or a value — write it as a mapping, like a site file',
    ]);
  });

  it('a site text read alone refuses include and extends rather than ignoring them', () => {
    const r = parseSiteText(
      'id: s\ntitle: S\ninclude: inv.yaml\ncatalogs: [{ catalog: minimal }]\nzones: { internet: { kind: external, default: true } }\n',
      'site.yaml',
    );
    expect(r.ok ? [] : messages(r.issues)).toEqual([
      'site.yaml:3:1: a site text read alone cannot include files — read the site from its file (loadSiteFile), which reads them',
    ]);
  });
});

describe('extends: a base site overridden', () => {
  const base =
    'id: base\ntitle: Base\ncatalogs:\n  - catalog: x\n    features: { a: true, b: false }\n    parameters: { host: relay.example.com, list: [a, b] }\nhosts:\n  h1: { address: 10.0.0.1, zone: lan }\n  lab: { address: 10.0.0.9 }\nfirewalls:\n  - { name: fw1, platform: nftables, zones: [lan, dmz], options: { counters: false } }\n  - { name: fw-lab, platform: nftables, zones: [lan, lab] }\ninternalDomains: [corp.example]\n';

  it('maps merge at every depth (the extending site wins), lists and values replace, null and remove: true remove', () => {
    const c = compose(
      {
        '/base.yaml': base,
        '/env/prod.yaml':
          'extends: ../base.yaml\nid: prod\ncatalogs:\n  - catalog: x\n    features: { b: true }\n    parameters: { list: [c] }\nhosts:\n  h1: { address: 10.0.1.1 }\n  lab: null\nfirewalls:\n  - { name: fw1, options: { counters: true } }\n  - { name: fw-lab, remove: true }\ninternalDomains: [prod.example]\n',
      },
      '/env/prod.yaml',
    );
    expect(messages(c.issues)).toEqual([]);
    expect(c.data).toEqual({
      id: 'prod',
      title: 'Base',
      catalogs: [
        { catalog: 'x', features: { a: true, b: true }, parameters: { host: 'relay.example.com', list: ['c'] } },
      ],
      hosts: { h1: { address: '10.0.1.1', zone: 'lan' } },
      firewalls: [{ name: 'fw1', platform: 'nftables', zones: ['lan', 'dmz'], options: { counters: true } }],
      internalDomains: ['prod.example'],
    });
    const at = (path: (string | number)[]) => {
      const [i] = c.place([{ code: 'schema', severity: 'error', path, message: 'm' }]);
      return `${i?.file}:${i?.line}`;
    };
    expect(at(['hosts', 'h1', 'zone'])).toBe('base.yaml:8');
    expect(at(['hosts', 'h1', 'address'])).toBe('env/prod.yaml:8');
    expect(at(['firewalls', 0, 'platform'])).toBe('base.yaml:11');
    expect(at(['firewalls', 0, 'options', 'counters'])).toBe('env/prod.yaml:11');
    expect(at(['catalogs', 0, 'parameters', 'host'])).toBe('base.yaml:6');
  });

  it('a chain applies in order: the nearest site wins', () => {
    const c = compose(
      {
        '/a.yaml': 'id: a\ntitle: A\nhosts: { h: { address: 10.0.0.1 } }\n',
        '/b.yaml': 'extends: a.yaml\nid: b\n',
        '/c.yaml': 'extends: b.yaml\nhosts: { h: { address: 10.0.0.3 } }\n',
      },
      '/c.yaml',
    );
    expect(c.data).toEqual({ id: 'b', title: 'A', hosts: { h: { address: '10.0.0.3' } } });
  });

  it('removing what is not inherited, an extends cycle and an included file that extends are errors', () => {
    const c = compose(
      {
        '/a.yaml': 'extends: b.yaml\nhosts:\n  gone: null\nfirewalls:\n  - { name: nope, remove: true }\n',
        '/b.yaml': 'id: b\n',
      },
      '/a.yaml',
    );
    expect(messages(c.issues)).toEqual([
      'a.yaml:3:3: host "gone": nothing inherited to remove — null (or remove: true) removes an entry the base site defines: check the name, or delete this line',
      'a.yaml:5:5: firewall "nope": nothing inherited to remove — null (or remove: true) removes an entry the base site defines: check the name, or delete this line',
    ]);
    const loop = compose({ '/a.yaml': 'extends: b.yaml\n', '/b.yaml': 'extends: a.yaml\n' }, '/a.yaml');
    expect(messages(loop.issues)).toEqual([
      'b.yaml:1:10: extends cycle: a.yaml → b.yaml → a.yaml (the cycle starts at a.yaml:1:10) — a file cannot include or extend itself, directly or through others: remove one of these links',
    ]);
    const fragment = compose({ '/a.yaml': 'include: f.yaml\n', '/f.yaml': 'extends: a.yaml\n' }, '/a.yaml');
    expect(messages(fragment.issues)).toEqual([
      'f.yaml:1:1: an included file cannot extend a site — include the base from the site file, or write extends in the site file',
    ]);
  });
});
