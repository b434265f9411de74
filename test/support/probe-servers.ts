import { existsSync } from 'node:fs';
import { commandWorks, type SystemRequirement } from './system.js';

/**
 * The real servers the probe tests start (DNS, NTP, SMTP, TLS, proxy, LDAP, OCSP, STUN…), each a Debian package
 * that `.ci/run` installs. A flat list: one entry per requirement, used with `missing(...)` from system.ts.
 */
export const probeServers = {
  dnsmasq: {
    what: 'dnsmasq (DNS server for the dns probe tests)',
    install: 'apt-get install -y --no-install-recommends dnsmasq-base',
    probe: () => commandWorks('dnsmasq', ['--version']),
  },
  unbound: {
    what: 'unbound (resolver giving SERVFAIL for the dns probe tests)',
    install: 'apt-get install -y --no-install-recommends unbound',
    probe: () => existsSync('/usr/sbin/unbound'),
  },
  chronyd: {
    what: 'chronyd (NTP server for the ntp probe tests)',
    install: 'apt-get install -y --no-install-recommends chrony',
    probe: () => existsSync('/usr/sbin/chronyd') && commandWorks('/usr/sbin/chronyd', ['--version']),
  },
} satisfies Record<string, SystemRequirement>;
