import type { MatrixRow } from '../model/matrix.js';
import { type Text, text } from '../model/text.js';
import type { ProbeKind, ProbeSpec } from './types.js';

/**
 * The application probe a row's port calls for, so that every row is probed with the right kind (issue 12): STUN on
 * 3478, SIP on 5060/5061, LDAP on 389/636, SMTP on 25/465/587, TLS on 443 when the row says TLS; a row's application
 * (STUN, SIP/TLS, HTTPS) names the probe whatever its port. Over TCP it runs
 * after the row's tcp reachability probe (its dependency: a filtered port SKIPs it rather than failing twice); over
 * UDP it replaces the bare datagram, since its own request is what makes the service answer.
 */
export interface AppProbe {
  readonly kind: ProbeKind;
  readonly options: Readonly<Record<string, string>>;
  readonly what: string;
}

const TLS_MECHANISMS = new Set(['tls', 'mtls', 'ssl', 'https']);

/** True when the row's catalog facts say its traffic is TLS (encryption mechanisms, or an application like HTTPS). */
export function rowSaysTls(row: MatrixRow): boolean {
  if (row.encryption?.supported.some((m) => TLS_MECHANISMS.has(m))) return true;
  return /\b(HTTPS|TLS|MTLS)\b/i.test(row.app ?? '');
}

const UDP_APPS: Readonly<Record<number, AppProbe>> = {
  3478: { kind: 'stun', options: { transport: 'udp' }, what: 'STUN' },
  5060: { kind: 'sip', options: { transport: 'udp' }, what: 'SIP OPTIONS' },
};

const TCP_APPS: Readonly<Record<number, AppProbe>> = {
  25: { kind: 'smtp', options: { tls: 'starttls' }, what: 'SMTP' },
  587: { kind: 'smtp', options: { tls: 'starttls' }, what: 'SMTP' },
  465: { kind: 'smtp', options: { tls: 'implicit' }, what: 'SMTPS' },
  389: { kind: 'ldap', options: { tls: 'starttls' }, what: 'LDAP StartTLS' },
  636: { kind: 'ldap', options: { tls: 'ldaps' }, what: 'LDAPS' },
  3478: { kind: 'stun', options: { transport: 'tcp' }, what: 'STUN' },
  5060: { kind: 'sip', options: { transport: 'tcp' }, what: 'SIP OPTIONS' },
  5061: { kind: 'sip', options: { transport: 'tls' }, what: 'SIP OPTIONS over TLS' },
};

/**
 * The application probe for one protocol and port of a row, if it has one. The row's application decides first
 * (Lync runs STUN and SIP/TLS on 443: a TLS handshake there would prove the wrong thing), then the port.
 */
export function appProbeFor(row: MatrixRow, protocol: 'tcp' | 'udp', port: number): AppProbe | undefined {
  const app = (row.app ?? '').toUpperCase();
  if (protocol === 'udp') return UDP_APPS[port];
  if (app.startsWith('STUN')) return { kind: 'stun', options: { transport: 'tcp' }, what: 'STUN' };
  if (app === 'SIP/TLS' || app === 'SIP/MTLS')
    return { kind: 'sip', options: { transport: 'tls' }, what: 'SIP OPTIONS over TLS' };
  if (port === 443 || app === 'HTTPS') return rowSaysTls(row) ? { kind: 'tls', options: {}, what: 'TLS' } : undefined;
  return TCP_APPS[port];
}

/** The spec of an application probe: same target and port as the reachability probe it follows. */
export function appSpec(
  row: MatrixRow,
  app: AppProbe,
  at: { readonly target: string; readonly port: number; readonly label: string },
  origin: ProbeSpec['origin'],
  dependsOn: readonly string[] | undefined,
): ProbeSpec {
  const title: Text = text(
    `${at.label} : ${app.what} ${at.port} sur ${at.target}`,
    `${at.label}: ${app.what} ${at.port} on ${at.target}`,
  );
  const options = app.options;
  return {
    id: `${row.key}:${app.kind}:${at.target}:${at.port}`,
    kind: app.kind,
    target: at.target,
    port: at.port,
    origin,
    title,
    ...(dependsOn && dependsOn.length > 0 ? { dependsOn } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}
