import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';

/** A generated PAC file run by a real PAC evaluator (pac-resolver on QuickJS): URL → `DIRECT` / `PROXY h:p`. */
export async function pacEvaluator(content: string): Promise<(url: string) => Promise<string>> {
  const qjs = await QuickJS.create();
  const find = createPacResolver(qjs, content);
  return (url) => find(url);
}

/** Every line a generated PAC file may contain; anything else is a malformed (or injected) line. */
const TEST = [
  /isPlainHostName\(host\)/,
  /shExpMatch\(host, "[a-z0-9*._-]+"\)/,
  /\(isIpV4 && isInNet\(host, "\d{1,3}(\.\d{1,3}){3}", "\d{1,3}(\.\d{1,3}){3}"\)\)/,
  /\(dnsDomainIs\(host, "\.[a-z0-9._-]+"\) \|\| host == "[a-z0-9._-]+"\)/,
]
  .map((r) => r.source)
  .join('|');
const COMMENT = /^\t?\/\/ [A-Za-z0-9 _.,:/@+=()[\]<>*’-]*$/;
export const PAC_LINE = [
  COMMENT,
  /^function FindProxyForURL\(url, host\) \{$/,
  /^\}$/,
  /^$/,
  /^\tvar direct = "DIRECT";$/,
  /^\tvar proxyServer = "PROXY [0-9a-z.:[\]-]+";$/,
  /^\thost = host\.toLowerCase\(\);$/,
  /^\tvar isIpV4 = \/\^\\d\{1,3\}\(\\\.\\d\{1,3\}\)\{3\}\$\/\.test\(host\);$/,
  new RegExp(`^\\t(if \\(|    )(${TEST})( \\|\\||\\))$`),
  /^\t\treturn (direct|proxyServer);$/,
  /^\treturn (direct|proxyServer);$/,
];

export const badPacLines = (content: string): string[] =>
  content.split('\n').filter((line) => !PAC_LINE.some((r) => r.test(line)));
