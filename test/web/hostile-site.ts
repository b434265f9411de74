import { readFileSync } from 'node:fs';

/**
 * A name made to break a page: markup and an event handler, quotes, a template (`{{…}}`), a right-to-left override
 * with Hebrew and Arabic, a newline and a long unbroken word (under the API's 200 characters for a site name). Rendered as text it is harmless and wraps.
 */
export const hostileName = (tag: string): string =>
  `<script>alert("${tag}")</script> "'><img src=x onerror=alert(1)> {{7*7}} {{site.name}} ` +
  `\u202Eevil שלום مرحبا\nsecond line ${'w'.repeat(80)}`;

/** The hostile markers a page must show as text (the `<img …>` tag is one of them). */
export const HOSTILE_MARK = '<img src=x onerror=alert(1)>';

const HAMILTON = readFileSync(new URL('../../examples/hamilton-site.yaml', import.meta.url), 'utf8');

/**
 * The Hamilton example with a hostile zone (the DMZ), a hostile host (the WEB server) and a hostile description: it
 * still validates, so every screen (matrix, zones, topology, audit, rules, verify, history) shows those names.
 * Firewall names are ids (the schema refuses markup there).
 */
export function hostileHamilton(): string {
  const zone = JSON.stringify(hostileName('zone'));
  const host = JSON.stringify(hostileName('host'));
  return HAMILTON.split('\n')
    .map((line) =>
      line.startsWith('#')
        ? line
        : line
            .replace(/\bdmz\b/g, zone)
            .replace(/\bhamilton-web\b/g, host)
            .replace(/^description: .*$/, `description: ${JSON.stringify(hostileName('description'))}`),
    )
    .join('\n');
}
