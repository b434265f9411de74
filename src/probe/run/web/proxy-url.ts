import type { ProbeSpec } from '../../types.js';
import type { RunContext } from '../runner.js';
import { optBoolean, optString } from './options.js';

/** The site's proxy, parsed once: where to connect, the Basic credentials header, and a printable form without them. */
export interface ProxyEndpoint {
  readonly host: string;
  readonly port: number;
  /** `Basic …` for Proxy-Authorization, when the URL carries credentials. Never printed. */
  readonly authorization?: string;
  /** `http://proxy:3128` plus the user name when there is one: never the password. */
  readonly display: string;
}

export function parseProxy(raw: string): ProxyEndpoint | { readonly error: string } {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return { error: 'proxy is not a URL (http://[user:password@]host:port)' };
  }
  if (url.protocol !== 'http:') return { error: `proxy scheme ${url.protocol} is not supported (http:// only)` };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 3128;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const base = `http://${url.host}`;
  if (!user) return { host, port, display: base };
  return {
    host,
    port,
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    display: `${base} (user ${user})`,
  };
}

/** The proxy a web probe goes through: the spec's `proxy` option, else the run's, unless `direct` is set. */
export function proxyFor(spec: ProbeSpec, ctx: RunContext): ProxyEndpoint | { error: string } | undefined {
  if (optBoolean(spec, 'direct')) return undefined;
  const raw = optString(spec, 'proxy') ?? ctx.proxy;
  return raw ? parseProxy(raw) : undefined;
}
