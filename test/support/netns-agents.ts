import { type ChildProcess, spawn } from 'node:child_process';
import type { Probe } from './netns.js';
import { inNamespace } from './netns-base.js';

/**
 * The two small programs the kernel harness runs inside namespaces, as Node source text (run with
 * `node --input-type=module -e`): a listener (TCP accept answering "pong", UDP echo "pong") and a prober; and the
 * two functions every lab starts them with.
 */

/**
 * Env FM_PORTS = {"tcp":[...],"udp":[...]}, FM_ADDRS = [...]; prints "ready" once every socket is bound.
 * UDP binds each address apart so the echo leaves from the address the probe targeted (conntrack matches it).
 */
const LISTENER = `
import net from 'node:net';
import dgram from 'node:dgram';
const { tcp, udp } = JSON.parse(process.env.FM_PORTS);
const addrs = JSON.parse(process.env.FM_ADDRS);
const bound = [];
for (const port of tcp) {
  const server = net.createServer((s) => { s.on('error', () => {}); s.end('pong'); });
  bound.push(new Promise((ok, ko) => { server.once('error', ko); server.listen({ port, host: '::', ipv6Only: false }, ok); }));
}
for (const port of udp) for (const addr of addrs) {
  const sock = dgram.createSocket(addr.includes(':') ? 'udp6' : 'udp4');
  sock.on('message', (_m, from) => sock.send('pong', from.port, from.address));
  bound.push(new Promise((ok, ko) => { sock.once('error', ko); sock.bind(port, addr, ok); }));
}
Promise.all(bound).then(() => console.log('ready'), (e) => { console.error(String(e)); process.exit(1); });
`;

/**
 * stdin: {"timeoutMs": n, "probes": [{"proto":"tcp"|"udp"|"icmp","src","dst","port"}]}; stdout: JSON booleans.
 * TCP passes when "pong" comes back, UDP when the echo comes back: return traffic is proven, not assumed.
 */
const PROBER = `
import net from 'node:net';
import dgram from 'node:dgram';
import { execFile } from 'node:child_process';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { timeoutMs, probes, limit } = JSON.parse(input);
const tcp = (p) => new Promise((done) => {
  const s = net.connect({ host: p.dst, port: p.port, localAddress: p.src });
  const t = setTimeout(() => { s.destroy(); done(false); }, timeoutMs);
  s.on('data', (d) => { clearTimeout(t); s.destroy(); done(d.toString().startsWith('pong')); });
  s.on('error', () => { clearTimeout(t); done(false); });
});
const udp = (p) => new Promise((done) => {
  const s = dgram.createSocket(p.dst.includes(':') ? 'udp6' : 'udp4');
  const t = setTimeout(() => { s.close(); done(false); }, timeoutMs);
  s.on('message', (m) => { clearTimeout(t); s.close(); done(m.toString() === 'pong'); });
  s.on('error', () => { clearTimeout(t); s.close(); done(false); });
  s.bind(0, p.src, () => s.send('ping', p.port, p.dst));
});
const icmp = (p) => new Promise((done) => {
  const family = p.dst.includes(':') ? '-6' : '-4';
  execFile('ping', [family, '-n', '-c', '1', '-W', String(Math.ceil(timeoutMs / 1000)), '-I', p.src, p.dst], (e) => done(!e));
});
const run = { tcp, udp, icmp };
const results = new Array(probes.length);
let next = 0;
const worker = async () => { while (next < probes.length) { const i = next++; results[i] = await run[probes[i].proto](probes[i]); } };
await Promise.all(Array.from({ length: Math.min(limit, probes.length) }, worker));
process.stdout.write(JSON.stringify(results));
`;

export interface ListenPorts {
  readonly tcp: readonly number[];
  readonly udp: readonly number[];
}

/**
 * Starts the listener in `ns` on these ports (UDP bound on each of `addresses`). The child is returned at once, so
 * the lab can kill it whatever happens; `ready` settles when every socket is bound, or rejects if it exits first.
 */
export function startListener(
  ns: string,
  ports: ListenPorts,
  addresses: readonly string[],
): { readonly child: ChildProcess; readonly ready: Promise<void> } {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--input-type=module', '-e', LISTENER], {
    env: { ...process.env, FM_PORTS: JSON.stringify(ports), FM_ADDRS: JSON.stringify(addresses) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d) => {
      err += String(d);
    });
    child.stdout?.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => code !== null && reject(new Error(`listener exited (${code}): ${err}`)));
  });
  return { child, ready };
}

/** Runs the prober in `ns`; one result per probe, in order (a probe with no answer within `timeoutMs` is false). */
export async function probeFrom(
  ns: string,
  probes: readonly Probe[],
  opts: { readonly timeoutMs: number; readonly limit: number },
): Promise<boolean[]> {
  if (probes.length === 0) return [];
  const input = JSON.stringify({ probes, timeoutMs: opts.timeoutMs, limit: opts.limit });
  const out = await inNamespace(ns, process.execPath, ['--input-type=module', '-e', PROBER], input);
  return JSON.parse(out) as boolean[];
}
