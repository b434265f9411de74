import type { Socket } from 'node:net';
import type { ProbeResult, ProbeSpec } from '../types.js';
import { errorCode, guarded, isPlainMailbox, optNumber, optString, type Recorder, rawError } from './app-result.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { connectTcp, Inbox, lineLength, noteTls, startTls } from './wire.js';

/**
 * SMTP opening check: 220 banner, EHLO and its capabilities, STARTTLS offered and upgraded (SNI set), AUTH offered
 * only once encrypted, and optionally a RCPT to a test address with the null sender. Never DATA: nothing is sent.
 * A 421 (service busy) is retried once after a bounded pause, then FAILs. Options: `rcpt`, `tls` (`starttls` default,
 * `implicit` for 465, `none`), `address` (connect there, keep the name for SNI), `caFile` (PEM file), `retryDelayMs`.
 */

interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** A reply is complete when a line has its code followed by a space (`250 OK`) rather than a dash (`250-SIZE`). */
export function replyLength(buffer: Buffer): number | undefined {
  let offset = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const rest = buffer.subarray(offset);
    const length = lineLength(rest);
    if (length === undefined) return undefined;
    offset += length;
    if (rest[3] !== 0x2d) return offset;
  }
  return offset;
}

export function parseReply(raw: Buffer): Reply {
  const lines = raw.toString('latin1').split(/\r?\n/).filter(Boolean);
  return { code: Number.parseInt(lines[0]?.slice(0, 3) ?? '', 10) || 0, lines };
}

const show = (r: Reply) => r.lines.join(' | ');

class Session {
  constructor(
    private inbox: Inbox,
    private readonly rec: Recorder,
  ) {}
  async reply(what: string): Promise<Reply> {
    return parseReply(await this.inbox.read(replyLength, this.rec.remaining(), what));
  }
  async command(line: string, what: string): Promise<Reply> {
    this.inbox.write(`${line}\r\n`);
    return this.reply(what);
  }
  release(): Socket {
    return this.inbox.release();
  }
  close(): void {
    this.inbox.write('QUIT\r\n');
    this.inbox.close();
  }
}

const capabilities = (ehlo: Reply) => ehlo.lines.slice(1).map((l) => l.slice(4).trim());
const authOf = (caps: readonly string[]) => caps.find((c) => /^AUTH[ =]/i.test(c));

/** One conversation; `busy` when the server answered 421, so the caller may retry. */
type Outcome = { busy: Reply } | { result: ProbeResult };

async function converse(spec: ProbeSpec, rec: Recorder, attempt: number): Promise<Outcome> {
  const mode = optString(spec, 'tls') ?? (spec.port === 465 ? 'implicit' : 'starttls');
  const port = spec.port ?? (mode === 'implicit' ? 465 : 25);
  const host = optString(spec, 'address') ?? spec.target;
  const tlsOptions = { servername: spec.target, caFile: optString(spec, 'caFile') };
  const concerns: string[] = [];
  const faults: string[] = [];
  const tag = attempt > 1 ? ` (attempt ${attempt})` : '';

  let socket: Socket;
  try {
    socket =
      mode === 'implicit'
        ? await rec.phase(`connect${tag}`, () => startTls({ host, port }, tlsOptions, rec.remaining()))
        : await rec.phase(`connect${tag}`, () => connectTcp(host, port, rec.remaining()));
  } catch (err) {
    const refused = errorCode(err) === 'ECONNREFUSED';
    const result = rec.finish(
      'FAIL',
      refused ? `SMTP port ${port} closed (connection refused)` : `SMTP port ${port} not reached`,
      refused ? `port SMTP ${port} fermé (connexion refusée)` : `port SMTP ${port} injoignable`,
      rawError(err),
    );
    return { result };
  }
  rec.note('connected to', `${socket.remoteAddress ?? host} port ${port}`);
  if (mode === 'implicit') faults.push(...noteTls(rec, socket as import('node:tls').TLSSocket, spec.target));
  let session = new Session(new Inbox(socket), rec);
  const fail = (en: string, fr: string, reply?: Reply, error?: string): Outcome => {
    session.close();
    if (reply) rec.note('smtp reply', show(reply));
    return { result: rec.finish('FAIL', en, fr, error ?? (reply ? show(reply) : undefined)) };
  };
  try {
    const banner = await rec.phase(`banner${tag}`, () => session.reply('220 banner'));
    rec.note('banner', show(banner));
    if (banner.code === 421) {
      session.close();
      return { busy: banner };
    }
    if (banner.code !== 220)
      return fail(`no 220 banner (${banner.code})`, `pas de bannière 220 (${banner.code})`, banner);

    const ehlo = await rec.phase('ehlo', () =>
      session.command(`EHLO [${socket.localAddress ?? '127.0.0.1'}]`, 'EHLO reply'),
    );
    if (ehlo.code === 421) {
      session.close();
      return { busy: ehlo };
    }
    if (ehlo.code !== 250) return fail(`EHLO refused (${ehlo.code})`, `EHLO refusé (${ehlo.code})`, ehlo);
    let caps = capabilities(ehlo);
    rec.note('capabilities', caps.join(', '));
    const authBefore = mode === 'implicit' ? undefined : authOf(caps);
    if (authBefore) {
      rec.note('auth before tls', authBefore);
      concerns.push(`${authBefore} offered before TLS`);
    }

    if (mode === 'starttls') {
      if (!caps.some((c) => /^STARTTLS$/i.test(c))) {
        return fail('STARTTLS not offered', 'STARTTLS non proposé', undefined, `EHLO: ${caps.join(', ')}`);
      }
      const go = await session.command('STARTTLS', 'STARTTLS reply');
      if (go.code !== 220) return fail(`STARTTLS refused (${go.code})`, `STARTTLS refusé (${go.code})`, go);
      let tls: import('node:tls').TLSSocket;
      try {
        tls = await rec.phase('tls', () => startTls({ socket: session.release() }, tlsOptions, rec.remaining()));
      } catch (err) {
        socket.destroy();
        return { result: rec.finish('FAIL', 'STARTTLS upgrade failed', 'échec de la montée STARTTLS', rawError(err)) };
      }
      faults.push(...noteTls(rec, tls, spec.target));
      session = new Session(new Inbox(tls), rec);
      const again = await rec.phase('ehlo-tls', () =>
        session.command(`EHLO [${socket.localAddress ?? '127.0.0.1'}]`, 'EHLO reply'),
      );
      if (again.code !== 250)
        return fail(`EHLO after STARTTLS refused (${again.code})`, `EHLO après STARTTLS refusé (${again.code})`, again);
      caps = capabilities(again);
      rec.note('capabilities after tls', caps.join(', '));
    } else if (mode === 'none') {
      rec.note('tls', 'not checked (option tls: none)');
    }
    const auth = authOf(caps);
    if (auth && !authBefore) rec.note('auth', `${auth} (offered only under TLS)`);

    const rcpt = optString(spec, 'rcpt');
    let temporary: Reply | undefined;
    if (rcpt) {
      const from = await rec.phase('mail-from', () => session.command('MAIL FROM:<>', 'MAIL FROM reply'));
      rec.note('mail from <>', show(from));
      if (from.code === 421) {
        session.close();
        return { busy: from };
      }
      if (from.code >= 500)
        return fail(`MAIL FROM:<> refused (${from.code})`, `MAIL FROM:<> refusé (${from.code})`, from);
      if (from.code >= 400) temporary = from;
      else {
        const to = await rec.phase('rcpt', () => session.command(`RCPT TO:<${rcpt}>`, 'RCPT reply'));
        rec.note(`rcpt to <${rcpt}>`, show(to));
        if (to.code === 421) {
          session.close();
          return { busy: to };
        }
        if (to.code >= 500) return fail(`recipient refused (${to.code})`, `destinataire refusé (${to.code})`, to);
        if (to.code >= 400) temporary = to;
        await session.command('RSET', 'RSET reply').catch(() => undefined);
      }
    }
    session.close();
    if (faults.length > 0) {
      rec.note('faults', faults.join('; '));
      return {
        result: rec.finish(
          'FAIL',
          `SMTP answers, but TLS fails: ${faults.join('; ')}`,
          `SMTP répond, mais TLS échoue : ${faults.join(' ; ')}`,
          faults[0],
        ),
      };
    }
    if (temporary) concerns.push(`temporary refusal ${temporary.code}: ${show(temporary)}`);
    if (concerns.length > 0) {
      rec.note('concerns', concerns.join('; '));
      return {
        result: rec.finish(
          'WARN',
          `SMTP answers, with concerns: ${concerns.join('; ')}`,
          `SMTP répond, avec réserves : ${concerns.join(' ; ')}`,
        ),
      };
    }
    const what = mode === 'starttls' ? 'SMTP answers and STARTTLS upgrades' : 'SMTP answers';
    const quoi = mode === 'starttls' ? 'SMTP répond et STARTTLS aboutit' : 'SMTP répond';
    return {
      result: rec.finish(
        'PASS',
        rcpt ? `${what}; recipient accepted` : what,
        rcpt ? `${quoi} ; destinataire accepté` : quoi,
      ),
    };
  } catch (err) {
    session.close();
    return {
      result: rec.finish(
        'FAIL',
        'the SMTP conversation broke off',
        'la conversation SMTP a été interrompue',
        rawError(err),
      ),
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runSmtp: ProbeRunner = (spec: ProbeSpec, ctx: RunContext) =>
  guarded(spec, ctx, async (rec) => {
    const rcpt = optString(spec, 'rcpt');
    if (rcpt !== undefined && !isPlainMailbox(rcpt)) {
      // A line break in the address would smuggle commands (DATA) into the session: refuse before connecting.
      return rec.finish(
        'UNTESTABLE',
        `not a plain mailbox: ${JSON.stringify(rcpt)}`,
        `pas une adresse simple : ${JSON.stringify(rcpt)}`,
      );
    }
    const first = await converse(spec, rec, 1);
    if ('result' in first) return first.result;
    // 421: the server is busy or closing. Back off once, within the time left, then try again.
    const pause = Math.min(optNumber(spec, 'retryDelayMs') ?? 2000, Math.floor(rec.remaining() / 2));
    rec.note('backoff', `421 received; retrying once after ${pause} ms`);
    await sleep(pause);
    const second = await converse(spec, rec, 2);
    if ('result' in second) return second.result;
    rec.note('smtp reply (attempt 2)', show(second.busy));
    return rec.finish(
      'FAIL',
      'SMTP busy: 421 twice, after a back-off',
      'SMTP occupé : 421 deux fois, après une pause',
      show(second.busy),
    );
  });
