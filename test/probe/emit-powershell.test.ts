import { describe, expect, it } from 'vitest';
import { emitPowerShell, psString } from '../../src/probe/emit/powershell.js';
import type { ProbeSpec } from '../../src/probe/types.js';

/**
 * No pwsh on this machine: the script is checked by a tokenizer that follows PowerShell's quoting rules (single-quoted
 * literals with '' and the typographic quotes PowerShell also accepts, double-quoted strings with backtick escapes,
 * line and block comments) and reports where every literal starts and ends, and whether brackets balance outside them.
 */
const SINGLE = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DOUBLE = new Set(['"', '\u201C', '\u201D', '\u201E']);

interface Scan {
  readonly literals: { value: string; start: number; end: number }[];
  readonly doubles: { start: number; end: number }[];
  readonly errors: string[];
}

function scan(text: string): Scan {
  const literals: Scan['literals'] = [];
  const doubles: Scan['doubles'] = [];
  const errors: string[] = [];
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '<' && text[i + 1] === '#') {
      const end = text.indexOf('#>', i + 2);
      if (end < 0) return { literals, doubles, errors: [...errors, `unclosed block comment at ${i}`] };
      i = end + 2;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '`') {
      i += 2;
    } else if (SINGLE.has(c)) {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          return { literals, doubles, errors: [...errors, `unclosed single-quoted string at ${i}`] };
        const d = text[j] as string;
        if (SINGLE.has(d)) {
          if (SINGLE.has(text[j + 1] as string)) {
            value += d;
            j += 2;
            continue;
          }
          break;
        }
        value += d;
        j++;
      }
      literals.push({ value, start: i, end: j + 1 });
      i = j + 1;
    } else if (DOUBLE.has(c)) {
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          return { literals, doubles, errors: [...errors, `unclosed double-quoted string at ${i}`] };
        const d = text[j] as string;
        if (d === '`') j += 2;
        else if (DOUBLE.has(d) && DOUBLE.has(text[j + 1] as string)) j += 2;
        else if (DOUBLE.has(d)) break;
        else j++;
      }
      doubles.push({ start: i, end: j + 1 });
      i = j + 1;
    } else {
      if (c === '(' || c === '{' || c === '[') stack.push(c);
      else if (c in pairs && stack.pop() !== pairs[c]) errors.push(`unbalanced ${c} at ${i}`);
      i++;
    }
  }
  if (stack.length > 0) errors.push(`unclosed ${stack.join('')}`);
  return { literals, doubles, errors };
}

const spec = (id: string, kind: ProbeSpec['kind'], target: string, rest: Partial<ProbeSpec> = {}): ProbeSpec => ({
  id,
  kind,
  target,
  origin: { check: id },
  title: { fr: id, en: id },
  ...rest,
});

const EVIL = (tag: string) =>
  `${tag}'; Remove-Item MARK-${tag}-1 #\n$(Remove-Item MARK-${tag}-2)\`"MARK-${tag}-3"\u2019; MARK-${tag}-4 \u2018@{x="MARK-${tag}-5"}`;

const specs: ProbeSpec[] = [
  spec('dns-1', 'dns', 'app.example.test', { options: { resolver: '10.0.0.53', type: 'A' } }),
  spec('tcp-1', 'tcp', 'app.example.test', { port: 443, dependsOn: ['dns-1'] }),
  spec('tls-1', 'tls', 'app.example.test', { port: 443, dependsOn: ['tcp-1'], options: { minDays: 30 } }),
  spec('http-1', 'http', 'https://login.example.test/.well-known/openid-configuration', {
    options: { expectJson: true, expectStatus: 200 },
  }),
  spec('proxy-1', 'proxy', 'graph.microsoft.com', { port: 443 }),
  spec('smtp-1', 'smtp', 'relay.example.test', { port: 25, options: { rcpt: 'probe@example.test' } }),
  spec('ldap-1', 'ldap', 'dc.example.test', { port: 389 }),
  spec('stun-1', 'stun', 'edge.example.test', { port: 3478 }),
  spec('disc-1', 'discovery', '_sip._tls.example.test'),
  spec(EVIL('id'), 'tcp', EVIL('target'), {
    port: 80,
    dependsOn: [EVIL('dep')],
    options: { address: EVIL('address') },
  }),
  spec('evil-dns', 'dns', EVIL('name'), { options: { resolver: EVIL('resolver'), type: EVIL('type') } }),
  spec('evil-http', 'http', EVIL('url'), { options: { expectBody: EVIL('body') } }),
  spec('evil-smtp', 'smtp', EVIL('mx'), { options: { rcpt: EVIL('rcpt') } }),
];

describe('emitted PowerShell script', () => {
  const script = emitPowerShell(specs, {
    proxy: 'http://alice:s3cret@proxy.example.test:3128',
    source: EVIL('source'),
  });
  const parsed = scan(script);

  it('parses: every string closes and brackets balance outside strings and comments', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.literals.length).toBeGreaterThan(specs.length * 3);
  });

  it('carries every spec, as decoded single-quoted literals, in dependency order', () => {
    const values = parsed.literals.map((l) => l.value);
    for (const s of specs) {
      expect(values).toContain(s.id);
      expect(values).toContain(s.target);
    }
    const table = script.slice(script.indexOf('$FmSpecs = @('));
    const rows = table.split('\n').filter((l) => l.startsWith('  @{ id = '));
    expect(rows).toHaveLength(specs.length);
    expect(table.indexOf("'dns-1'")).toBeLessThan(table.indexOf("'tcp-1'"));
    expect(table.indexOf("'tcp-1'")).toBeLessThan(table.indexOf("'tls-1'"));
  });

  it('keeps every hostile value inside a single-quoted literal, never in code or a double-quoted string', () => {
    const inside = (at: number) => parsed.literals.some((l) => at > l.start && at < l.end);
    let seen = 0;
    for (let at = script.indexOf('MARK-'); at >= 0; at = script.indexOf('MARK-', at + 1)) {
      seen++;
      const line = script.slice(script.lastIndexOf('\n', at) + 1, script.indexOf('\n', at));
      // The header comment names the source host, JSON-escaped onto one comment line.
      if (line.startsWith('# Flowmatrix opening checks for ')) continue;
      expect(inside(at), `MARK at ${at}: ${line}`).toBe(true);
    }
    expect(seen).toBeGreaterThan(20);
    for (const d of parsed.doubles) expect(script.slice(d.start, d.end)).not.toContain('MARK-');
  });

  it('never writes the proxy password, and makes untestable kinds explicit', () => {
    expect(script).not.toContain('s3cret');
    expect(script).not.toContain('alice');
    // A row may span lines (a hostile target holds a newline): read it up to its options.
    const row = (id: string) => {
      const at = script.indexOf(`id = '${id}'`);
      return script.slice(at, script.indexOf('; opts = ', at));
    };
    expect(row('stun-1')).toContain("fn = 'Fm-Untestable'");
    expect(row('evil-smtp')).toContain("fn = 'Fm-Untestable'");
    expect(row('smtp-1')).toContain("fn = 'Fm-Smtp'");
  });

  it('calls only functions the runtime defines', () => {
    const defined = new Set([...script.matchAll(/^function (Fm-[A-Za-z]+)/gm)].map((m) => m[1]));
    const called = new Set([...script.matchAll(/fn = '(Fm-[A-Za-z]+)'/g)].map((m) => m[1]));
    expect(called.size).toBeGreaterThan(5);
    for (const fn of called) expect(defined.has(fn), fn).toBe(true);
  });

  it('opens its output with the site, the source and every probe’s title and origin, as one literal', () => {
    const head = parsed.literals.map((l) => l.value).find((v) => v.startsWith('{"format":'));
    const doc = JSON.parse(`${head}[]}`) as { source: string; probes: { id: string; title: unknown }[] };
    expect(doc.source).toBe(EVIL('source'));
    expect(doc.probes.map((p) => p.id)).toEqual(expect.arrayContaining(specs.map((s) => s.id)));
    expect(doc.probes[0]?.title).toEqual({ fr: 'dns-1', en: 'dns-1' });
    expect(head).not.toContain('s3cret');
  });

  it('quotes single and typographic quotes by doubling them', () => {
    expect(psString("it's")).toBe("'it''s'");
    expect(psString('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(scan(psString(EVIL('x'))).literals.map((l) => l.value)).toEqual([EVIL('x')]);
  });
});
