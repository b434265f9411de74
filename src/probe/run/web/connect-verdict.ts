import { type Text, text } from '../../../model/text.js';
import type { ProbeStatus } from '../../types.js';
import type { ConnectAnswer } from './sockets.js';

/**
 * What a proxy's answer to CONNECT means: 200 the tunnel is open; 407 the proxy wants (other) credentials; 403 its
 * policy denies the destination; 5xx it could not resolve or reach it; anything else is reported as it came.
 */
export function connectVerdict(answer: ConnectAnswer, authenticated: boolean): { status: ProbeStatus; detail: Text } {
  const line = `${answer.status} ${answer.statusText}${answer.proxyError ? ` (${answer.proxyError})` : ''}`.trim();
  if (answer.status === 200)
    return { status: 'PASS', detail: text(`tunnel ouvert (${line})`, `tunnel open (${line})`) };
  if (answer.status === 407) {
    return authenticated
      ? {
          status: 'FAIL',
          detail: text(`identifiants du proxy refusés (${line})`, `proxy credentials refused (${line})`),
        }
      : {
          status: 'FAIL',
          detail: text(`le proxy exige une authentification (${line})`, `proxy authentication required (${line})`),
        };
  }
  if (answer.status === 403) {
    return {
      status: 'FAIL',
      detail: text(`refusé par la politique du proxy (${line})`, `denied by proxy policy (${line})`),
    };
  }
  if (answer.status >= 500) {
    return {
      status: 'FAIL',
      detail: text(
        `le proxy n'a pas pu joindre la destination (${line})`,
        `proxy could not reach the destination (${line})`,
      ),
    };
  }
  return { status: 'FAIL', detail: text(`réponse inattendue du proxy (${line})`, `unexpected proxy answer (${line})`) };
}
