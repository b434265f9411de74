import { startTlsRequest } from '../run/ldap.js';
import type { ProbeSpec } from '../types.js';
import {
  dependencyOrder,
  type EmitOptions,
  isAddress,
  list,
  proxyWithoutCredentials,
  RESULTS_FORMAT,
  splitServer,
  str,
  untestableReason,
} from './common.js';
import { resultsPrefix } from './embed.js';
import { POWERSHELL_RUNTIME } from './powershell-runtime.js';

/**
 * A self-contained PowerShell script (5.1 or 7) that runs the given probes from a Windows host without Node, with the
 * same verdict rules, and prints the flowmatrix-probe-results/1 JSON. Spec values are written only as single-quoted
 * literals in one spec table, which PowerShell never expands: no `$()`, backtick or quote in a name can run code.
 */

/** A PowerShell single-quoted literal holding exactly `value` (PowerShell also ends strings on typographic quotes). */
export function psString(value: string | number): string {
  const s = String(value).replace(/\0/g, '\uFFFD');
  return `'${s.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

type PsValue = string | number | readonly string[];

function psHashtable(fields: Record<string, PsValue | undefined>): string {
  const entries = Object.entries(fields)
    .filter((e): e is [string, PsValue] => e[1] !== undefined)
    .map(
      ([k, v]) =>
        `${k} = ${typeof v === 'number' ? String(v) : typeof v === 'string' ? psString(v) : `@(${v.map(psString).join(', ')})`}`,
    );
  return `@{ ${entries.join('; ')} }`;
}

const plainMailbox = (s: string) => /^[^\s<>\p{Cc}]{1,254}@[A-Za-z0-9.-]{1,253}$/u.test(s);

/** The function to call and its options, or why the script cannot check this kind. */
function plan(
  spec: ProbeSpec,
  options: EmitOptions,
): { fn: string; opts: Record<string, PsValue | undefined> } | { en: string; fr: string } {
  const address = str(spec, 'address') || spec.target;
  const sni = isAddress(spec.target) ? address : str(spec, 'sni') || spec.target;
  const tls = { address, sni, caFile: str(spec, 'caFile') || undefined, minDays: Number(str(spec, 'minDays') || 15) };
  const proxy = proxyWithoutCredentials(str(spec, 'proxy') || options.proxy);
  switch (spec.kind) {
    case 'dns':
    case 'discovery': {
      const server = splitServer(str(spec, 'resolver') || options.resolver);
      const type = spec.kind === 'dns' ? str(spec, 'type') || 'A+AAAA' : spec.target.startsWith('_') ? 'SRV' : 'A+AAAA';
      return { fn: 'Fm-Dns', opts: { type, server: server?.host, serverPort: server?.port } };
    }
    case 'tcp':
      if (spec.port === undefined) return { en: 'no port to try', fr: 'aucun port à essayer' };
      return { fn: 'Fm-Tcp', opts: { address } };
    case 'tls':
      return { fn: 'Fm-Tls', opts: tls };
    case 'ldap': {
      if (str(spec, 'bindDn') || str(spec, 'tls') === 'none') return untestableReason('ldap', 'powershell');
      const ldaps = str(spec, 'tls') === 'ldaps' || spec.port === 636;
      return {
        fn: 'Fm-Tls',
        opts: {
          ...tls,
          ...(ldaps ? {} : { starttls: 'ldap', ldapStartTls: startTlsRequest(1).toString('hex') }),
        },
      };
    }
    case 'http': {
      const url = /^https?:\/\//i.test(spec.target)
        ? spec.target
        : `${str(spec, 'scheme') || (spec.port === 80 ? 'http' : 'https')}://${spec.target.includes(':') ? `[${spec.target}]` : spec.target}${spec.port ? `:${spec.port}` : ''}${str(spec, 'path') || '/'}`;
      const expect = (list(spec, 'expectStatus') || '200,201,202,203,204,205,206').split(',');
      return {
        fn: 'Fm-Http',
        opts: {
          url,
          expectStatus: expect,
          expectBody: str(spec, 'expectBody') || undefined,
          proxy: spec.options?.direct === true ? undefined : proxy,
        },
      };
    }
    case 'proxy': {
      const url = proxy ? new URL(proxy) : undefined;
      return {
        fn: 'Fm-Proxy',
        opts: {
          proxyHost: url?.hostname.replace(/^\[|\]$/g, ''),
          proxyPort: url ? Number(url.port || 3128) : undefined,
        },
      };
    }
    case 'smtp': {
      const rcpt = str(spec, 'rcpt');
      if (rcpt && !plainMailbox(rcpt)) return { en: 'not a plain mailbox', fr: 'pas une adresse simple' };
      if (str(spec, 'tls') === 'implicit' || spec.port === 465) return { fn: 'Fm-Tls', opts: tls };
      return {
        fn: 'Fm-Smtp',
        opts: {
          ...tls,
          rcpt: rcpt || undefined,
          retry: Math.max(1, Math.ceil(Number(str(spec, 'retryDelayMs') || 2000) / 1000)),
        },
      };
    }
    default:
      return untestableReason(spec.kind, 'powershell');
  }
}

const defaultPort = (spec: ProbeSpec): number | undefined =>
  spec.port ??
  (
    { tls: 443, proxy: 443, smtp: 25, ldap: str(spec, 'tls') === 'ldaps' ? 636 : 389 } as Partial<
      Record<string, number>
    >
  )[spec.kind];

export function emitPowerShell(specs: readonly ProbeSpec[], options: EmitOptions = {}): string {
  const ordered = dependencyOrder(specs);
  const lines = [
    '#Requires -Version 5.1',
    `# Flowmatrix opening checks${options.source ? ` for ${JSON.stringify(options.source).replace(/[\r\n]/g, ' ')}` : ''}: ${ordered.length} probes.`,
    '# Generated by `flowmatrix probe --emit powershell`; run it on the source host, keep its output, and read it back',
    `# with \`flowmatrix probe --import FILE\`. Prints ${RESULTS_FORMAT} JSON. Proxy credentials, if any, come from`,
    '# $env:FLOWMATRIX_PROXY_USER = "user:password".',
    `$FmTimeoutMs = ${options.limits?.timeoutMs ?? 5000}`,
    `$FmHead = ${psString(resultsPrefix(ordered, options))}`,
    POWERSHELL_RUNTIME,
    '# The specs, in dependency order. Every value is a single-quoted literal.',
    '$FmSpecs = @(',
  ];
  ordered.forEach((spec, i) => {
    const p = plan(spec, options);
    const row = psHashtable({
      id: spec.id,
      kind: spec.kind,
      target: spec.target,
      port: spec.port,
      deps: spec.dependsOn ?? [],
      fn: 'fn' in p ? p.fn : 'Fm-Untestable',
      en: 'fn' in p ? undefined : p.en,
      fr: 'fn' in p ? undefined : p.fr,
    });
    const opts = 'fn' in p ? psHashtable({ ...p.opts, port: defaultPort(spec) }) : '@{}';
    lines.push(`  ${row.slice(0, -2)}; opts = ${opts} }${i < ordered.length - 1 ? ',' : ''}`);
  });
  lines.push(
    ')',
    'foreach ($spec in $FmSpecs) {',
    '  if (-not (Fm-Deps $spec)) { continue }',
    "  if ($spec.fn -eq 'Fm-Untestable') { Fm-Untestable $spec $spec.en $spec.fr; continue }",
    '  & $spec.fn $spec',
    '}',
    'Fm-Print',
    '',
  );
  return lines.join('\n');
}
