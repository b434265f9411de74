import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProbeLimits, ProbeResult, ProbeSpec } from '../../../src/probe/types.js';
import { deleteNamespaces, inNamespace, keepUntilExit, run, uniquePrefix } from '../../support/netns-base.js';

/**
 * One network namespace of its own for a probe test: loopback up, an optional hosts file (ip netns exec mounts
 * /etc/netns/NAME/hosts over /etc/hosts), servers started inside and killed on destroy, and the real runners run
 * inside it through a child process.
 */
export interface ProbeNs {
  readonly name: string;
  exec(cmd: string, args: readonly string[], input?: string): Promise<string>;
  /** Starts a long-running server inside; resolves when `ready` (a regexp on its output) shows, or after `settleMs`. */
  start(cmd: string, args: readonly string[], ready: RegExp): Promise<ChildProcess>;
  probe(specs: readonly ProbeSpec[], limits: ProbeLimits): Promise<ProbeResult[]>;
  destroy(): void;
}

const RUNNER = fileURLToPath(new URL('./run-in-netns.ts', import.meta.url));

export async function createProbeNs(tag: string, hosts?: string): Promise<ProbeNs> {
  const name = uniquePrefix(tag);
  const children: ChildProcess[] = [];
  const etc = `/etc/netns/${name}`;
  let forget = (): void => {};
  const ns: ProbeNs = {
    name,
    exec: (cmd, args, input) => inNamespace(name, cmd, args, input),
    start(cmd, args, ready) {
      const child = spawn('ip', ['netns', 'exec', name, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return new Promise((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`${cmd} not ready in 10 s: ${seen}`)), 10_000);
        const look = (d: Buffer) => {
          seen += String(d);
          if (ready.test(seen)) {
            clearTimeout(timer);
            resolve(child);
          }
        };
        child.stdout?.on('data', look);
        child.stderr?.on('data', look);
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`${cmd} exited (${code}): ${seen}`));
        });
      });
    },
    async probe(specs, limits) {
      const out = await inNamespace(
        name,
        process.execPath,
        ['--import', 'tsx/esm', RUNNER],
        JSON.stringify({ specs, limits }),
      );
      return JSON.parse(out) as ProbeResult[];
    },
    destroy() {
      for (const c of children.splice(0)) c.kill('SIGKILL');
      deleteNamespaces([name]);
      rmSync(etc, { recursive: true, force: true });
      forget();
    },
  };
  forget = keepUntilExit(ns);
  try {
    if (hosts !== undefined) {
      mkdirSync(etc, { recursive: true });
      writeFileSync(`${etc}/hosts`, hosts);
    }
    await run('ip', ['netns', 'add', name]);
    await inNamespace(name, 'ip', ['link', 'set', 'lo', 'up']);
  } catch (e) {
    ns.destroy();
    throw e;
  }
  return ns;
}

/** A small Node server inside the namespace: TCP listeners, UDP echo and silent sockets; prints "ready". */
export const SERVERS = `
import net from 'node:net';
import dgram from 'node:dgram';
const { tcp = [], echo = [], silent = [] } = JSON.parse(process.argv[1]);
const bound = [];
for (const { host, port } of tcp) {
  const s = net.createServer((c) => { c.on('error', () => {}); c.end(); });
  bound.push(new Promise((ok, ko) => { s.once('error', ko); s.listen({ host, port, ipv6Only: host.includes(':') }, ok); }));
}
for (const [list, answer] of [[echo, true], [silent, false]]) for (const { host, port } of list) {
  const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  if (answer) s.on('message', (m, from) => s.send(m, from.port, from.address));
  bound.push(new Promise((ok, ko) => { s.once('error', ko); s.bind(port, host, ok); }));
}
Promise.all(bound).then(() => console.log('ready'), (e) => { console.error(String(e)); process.exit(1); });
`;
