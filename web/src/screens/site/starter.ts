export interface CatalogForStarter {
  roles?: Record<string, { addresses?: unknown; addressesBy?: unknown }>;
  parameters?: Record<string, { type: string; default?: unknown; example?: unknown; values?: string[] }>;
}

const SAMPLE: Record<string, unknown> = {
  fqdn: 'app.example.com',
  'fqdn-list': ['app.example.com'],
  address: '192.0.2.10',
  'address-list': ['192.0.2.10'],
  port: 443,
  integer: 1,
  boolean: false,
  string: 'example',
};

/**
 * A starter site that validates: two zones, every role the catalog does not place bound to the `lan` zone (a zone
 * is a valid binding), and each parameter without a default given its example (or a documentation value). The
 * user then refines it in the forms.
 */
export function starterYaml(id: string, catalogId: string, catalog: CatalogForStarter): string {
  const roles = Object.entries(catalog.roles ?? {}).filter(([, r]) => !r.addresses && !r.addressesBy);
  const params = Object.entries(catalog.parameters ?? {}).filter(([, p]) => p.default === undefined);
  const value = (p: NonNullable<CatalogForStarter['parameters']>[string]) =>
    JSON.stringify(p.example ?? (p.type === 'enum' ? p.values?.[0] : SAMPLE[p.type]) ?? 'example');
  return [
    `id: ${id}`,
    `title: ${id}`,
    'catalogs:',
    `  - catalog: ${catalogId}`,
    ...(roles.length ? ['    roles:', ...roles.map(([r]) => `      ${r}: lan`)] : []),
    ...(params.length ? ['    parameters:', ...params.map(([k, p]) => `      ${k}: ${value(p)}`)] : []),
    'zones:',
    '  lan:',
    '    kind: internal',
    '    cidrs: [10.0.0.0/16]',
    '  internet:',
    '    kind: external',
    '    default: true',
    '',
  ].join('\n');
}
