import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ProbeSpec } from '../types.js';
import { errorCode, guarded, optBoolean, optString, type Recorder, rawError } from './app-result.js';
import {
  application,
  applicationPrimitive,
  boolean,
  children,
  context,
  enumerated,
  frameLength,
  integer,
  octets,
  readInteger,
  readTlv,
  sequence,
  type Tlv,
  tlv,
} from './ber.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { connectTcp, Inbox, noteTls, startTls } from './wire.js';

/**
 * LDAP opening check: LDAPS (636) or LDAP (389) upgraded with StartTLS, then a simple bind when the options name a
 * bind DN (password read from the environment variable the options name; never recorded), else an anonymous read of
 * the rootDSE (namingContexts, supportedLDAPVersion). Options: `tls` (`ldaps` | `starttls` | `none`), `bindDn`,
 * `passwordEnv`, `address`, `caFile`.
 */

export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';

const RESULT_NAMES: Record<number, string> = {
  0: 'success',
  1: 'operationsError',
  2: 'protocolError',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  13: 'confidentialityRequired',
  32: 'noSuchObject',
  48: 'inappropriateAuthentication',
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
  52: 'unavailable',
  53: 'unwillingToPerform',
};
export const resultName = (code: number): string => `${code} ${RESULT_NAMES[code] ?? 'other'}`;

const message = (id: number, op: Buffer): Buffer => sequence(integer(id), op);

export const bindRequest = (id: number, dn: string, password: string): Buffer =>
  message(id, tlv(application(0), Buffer.concat([integer(3), octets(dn), octets(password, context(0))])));

export const rootDseRequest = (id: number, attributes: readonly string[]): Buffer =>
  message(
    id,
    tlv(
      application(3),
      Buffer.concat([
        octets(''), // baseObject: the rootDSE
        enumerated(0), // scope: baseObject
        enumerated(0), // derefAliases: never
        integer(1), // sizeLimit
        integer(10), // timeLimit (s)
        boolean(false), // typesOnly
        octets('objectClass', context(7)), // filter: (objectClass=*)
        sequence(...attributes.map((a) => octets(a))),
      ]),
    ),
  );

export const startTlsRequest = (id: number): Buffer =>
  message(id, tlv(application(23), octets(START_TLS_OID, context(0))));
export const unbindRequest = (id: number): Buffer => message(id, tlv(applicationPrimitive(2), Buffer.alloc(0)));

export interface LdapResult {
  readonly code: number;
  readonly matchedDn: string;
  readonly diagnostic: string;
}

export type LdapResponse =
  | { readonly id: number; readonly op: 'result'; readonly tag: number; readonly result: LdapResult }
  | { readonly id: number; readonly op: 'entry'; readonly dn: string; readonly attributes: Record<string, string[]> };

/** Decodes one LDAPMessage: an LDAPResult-shaped response (bind, search done, extended) or a search entry. */
export function decodeResponse(frame: Buffer): LdapResponse {
  const outer = readTlv(frame);
  if (outer?.tag !== 0x30) throw new Error('LDAP: not an LDAPMessage');
  const [idItem, op] = children(outer.value) as [Tlv, Tlv];
  if (!idItem || !op) throw new Error('LDAP: LDAPMessage without an operation');
  const id = readInteger(idItem);
  const parts = children(op.value);
  if (op.tag === application(4)) {
    const attributes: Record<string, string[]> = {};
    for (const attr of parts[1] ? children(parts[1].value) : []) {
      const [type, vals] = children(attr.value);
      if (type && vals)
        attributes[type.value.toString('utf8')] = children(vals.value).map((v) => v.value.toString('utf8'));
    }
    return { id, op: 'entry', dn: parts[0]?.value.toString('utf8') ?? '', attributes };
  }
  const [code, matched, diagnostic] = parts;
  if (!code) throw new Error(`LDAP: response 0x${op.tag.toString(16)} without a result code`);
  return {
    id,
    op: 'result',
    tag: op.tag,
    result: {
      code: readInteger(code),
      matchedDn: matched?.value.toString('utf8') ?? '',
      diagnostic: diagnostic?.value.toString('utf8') ?? '',
    },
  };
}

class Connection {
  private nextId = 1;
  constructor(
    private inbox: Inbox,
    private readonly rec: Recorder,
  ) {}
  send(build: (id: number) => Buffer): number {
    const id = this.nextId++;
    this.inbox.write(build(id));
    return id;
  }
  async receive(what: string): Promise<LdapResponse> {
    return decodeResponse(await this.inbox.read(frameLength, this.rec.remaining(), what));
  }
  /** Waits for the final result of request `id`, gathering search entries on the way (bounded). */
  async resultOf(id: number, what: string): Promise<{ result: LdapResult; entries: LdapResponse[] }> {
    const entries: LdapResponse[] = [];
    for (let guard = 0; guard < 100; guard++) {
      const response = await this.receive(what);
      if (response.id === 0 && response.op === 'result')
        throw new Error(`notice of disconnection: ${resultName(response.result.code)} ${response.result.diagnostic}`);
      if (response.id !== id) continue;
      if (response.op === 'entry') entries.push(response);
      else return { result: response.result, entries };
    }
    throw new Error(`too many responses to ${what}`);
  }
  release(): Socket {
    return this.inbox.release();
  }
  close(): void {
    try {
      this.send(unbindRequest);
    } finally {
      this.inbox.close();
    }
  }
}

const show = (r: LdapResult) => `${resultName(r.code)}${r.diagnostic ? `: ${r.diagnostic}` : ''}`;

export const runLdap: ProbeRunner = (spec: ProbeSpec, ctx: RunContext) =>
  guarded(spec, ctx, async (rec) => {
    const mode = optString(spec, 'tls') ?? (spec.port === 636 ? 'ldaps' : 'starttls');
    const port = spec.port ?? (mode === 'ldaps' ? 636 : 389);
    const host = optString(spec, 'address') ?? spec.target;
    const tlsOptions = { servername: spec.target, caFile: optString(spec, 'caFile') };
    const concerns: string[] = [];
    const faults: string[] = [];
    let socket: Socket;
    try {
      socket = await rec.phase('connect', () =>
        mode === 'ldaps'
          ? startTls({ host, port }, tlsOptions, rec.remaining())
          : connectTcp(host, port, rec.remaining()),
      );
    } catch (err) {
      const refused = errorCode(err) === 'ECONNREFUSED';
      return rec.finish(
        'FAIL',
        refused ? `LDAP port ${port} closed (connection refused)` : `LDAP port ${port} not reached`,
        refused ? `port LDAP ${port} fermé (connexion refusée)` : `port LDAP ${port} injoignable`,
        rawError(err),
      );
    }
    rec.note('connected to', `${socket.remoteAddress ?? host} port ${port} (${mode})`);
    if (mode === 'ldaps') faults.push(...noteTls(rec, socket as TLSSocket, spec.target));
    let conn = new Connection(new Inbox(socket), rec);
    const fail = (en: string, fr: string, error?: string) => {
      conn.close();
      return rec.finish('FAIL', en, fr, error);
    };
    try {
      if (mode === 'starttls') {
        const id = conn.send(startTlsRequest);
        const { result } = await rec.phase('starttls', () => conn.resultOf(id, 'StartTLS response'));
        rec.note('starttls', show(result));
        if (result.code !== 0)
          return fail(
            `StartTLS refused (${resultName(result.code)})`,
            `StartTLS refusé (${resultName(result.code)})`,
            show(result),
          );
        let tls: TLSSocket;
        try {
          tls = await rec.phase('tls', () => startTls({ socket: conn.release() }, tlsOptions, rec.remaining()));
        } catch (err) {
          socket.destroy();
          return rec.finish('FAIL', 'StartTLS upgrade failed', 'échec de la montée StartTLS', rawError(err));
        }
        faults.push(...noteTls(rec, tls, spec.target));
        conn = new Connection(new Inbox(tls), rec);
      }

      const bindDn = optString(spec, 'bindDn');
      if (bindDn) {
        const variable = optString(spec, 'passwordEnv');
        const password = variable ? process.env[variable] : undefined;
        if (!password) {
          conn.close();
          return rec.finish(
            'UNTESTABLE',
            `no password to bind as ${bindDn}: set ${variable ? `the variable ${variable}` : 'option passwordEnv'}`,
            `pas de mot de passe pour se lier en ${bindDn} : définir ${variable ? `la variable ${variable}` : "l'option passwordEnv"}`,
          );
        }
        const id = conn.send((n) => bindRequest(n, bindDn, password));
        const { result } = await rec.phase('bind', () => conn.resultOf(id, 'bind response'));
        rec.note(`bind as ${bindDn}`, show(result));
        if (result.code !== 0)
          return fail(
            `bind refused (${resultName(result.code)})`,
            `liaison refusée (${resultName(result.code)})`,
            show(result),
          );
      } else {
        const id = conn.send((n) =>
          rootDseRequest(n, ['namingContexts', 'supportedLDAPVersion', 'supportedExtension', 'vendorName']),
        );
        const { result, entries } = await rec.phase('search', () => conn.resultOf(id, 'rootDSE search result'));
        const entry = entries.find((e) => e.op === 'entry');
        if (entry?.op === 'entry') {
          for (const [name, values] of Object.entries(entry.attributes)) rec.note(name, values.join(', '));
        }
        rec.note('rootDSE search', show(result));
        if (result.code !== 0 || !entry) concerns.push(`rootDSE not readable anonymously (${show(result)})`);
        // A TLS fault outweighs an unreadable rootDSE: it FAILs below.
        if ((result.code !== 0 || !entry) && faults.length === 0) {
          conn.close();
          return rec.finish(
            'WARN',
            `LDAP answers, but: ${concerns.join('; ')}`,
            `LDAP répond, mais : ${concerns.join(' ; ')}`,
          );
        }
      }
      conn.close();
      if (faults.length > 0) {
        rec.note('faults', faults.join('; '));
        return rec.finish(
          'FAIL',
          `LDAP answers, but TLS fails: ${faults.join('; ')}`,
          `LDAP répond, mais TLS échoue : ${faults.join(' ; ')}`,
          faults[0],
        );
      }
      const how =
        mode === 'none'
          ? 'LDAP answers in clear'
          : mode === 'ldaps'
            ? 'LDAPS answers'
            : 'LDAP answers and StartTLS upgrades';
      const comment =
        mode === 'none'
          ? 'LDAP répond en clair'
          : mode === 'ldaps'
            ? 'LDAPS répond'
            : 'LDAP répond et StartTLS aboutit';
      if (concerns.length > 0 || (mode === 'none' && optBoolean(spec, 'allowClear') !== true)) {
        if (mode === 'none') concerns.push('no TLS');
        rec.note('concerns', concerns.join('; '));
        return rec.finish(
          'WARN',
          `${how}, with concerns: ${concerns.join('; ')}`,
          `${comment}, avec réserves : ${concerns.join(' ; ')}`,
        );
      }
      return rec.finish(
        'PASS',
        bindDn ? `${how}; bind accepted` : `${how}; rootDSE read`,
        bindDn ? `${comment} ; liaison acceptée` : `${comment} ; rootDSE lu`,
      );
    } catch (err) {
      return fail('the LDAP exchange broke off', "l'échange LDAP a été interrompu", rawError(err));
    }
  });
