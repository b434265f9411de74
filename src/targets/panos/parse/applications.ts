/**
 * The default ports of a few common App-ID applications, for rules written `service application-default`. Taken
 * from Palo Alto's Applipedia ("standard ports"); a content update can change them, so the table is small on
 * purpose: any other application makes the rule uninterpreted rather than guessed. `secure` is the port
 * application-default also allows when SSL decryption identifies the application inside TLS (PAN-OS 9.0+,
 * "Strict Default Ports for Decrypted Applications"): it only holds with decryption, so it stays uninterpreted.
 */
export interface AppPorts {
  readonly ports: readonly string[];
  readonly secure?: readonly string[];
}

export const APPLICATION_DEFAULTS: Readonly<Record<string, AppPorts>> = {
  ssl: { ports: ['tcp/443'] },
  'web-browsing': { ports: ['tcp/80'], secure: ['tcp/443'] },
  dns: { ports: ['tcp/53', 'udp/53'] },
  ntp: { ports: ['udp/123'] },
  smtp: { ports: ['tcp/25', 'tcp/587'], secure: ['tcp/465'] },
  ldap: { ports: ['tcp/389', 'udp/389'], secure: ['tcp/636'] },
  'ms-rdp': { ports: ['tcp/3389', 'udp/3389'] },
  ssh: { ports: ['tcp/22'] },
};

/** Predefined services: `service-http` and `service-https` (PAN-OS ships these two). */
export const PREDEFINED_SERVICES: Readonly<Record<string, { protocol: string; ports: string }>> = {
  'service-http': { protocol: 'tcp', ports: '80,8080' },
  'service-https': { protocol: 'tcp', ports: '443' },
};
