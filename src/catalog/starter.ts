import type { Lang } from '../model/text.js';

/**
 * The catalog `flowmatrix catalog new` writes: one role pair, one flow, a feature and a parameter, commented, in
 * one language (the other one is optional, see model/text.ts). It validates as is
 * (test/cli/catalog-new.test.ts): a team edits it rather than starting from the JSON Schema.
 */
export function starterCatalog(id: string, lang: Lang, schemaPath: string): string {
  const t = lang === 'fr' ? FR : EN;
  return `# yaml-language-server: $schema=${schemaPath}
#
# ${t.intro}
# ${t.guide}
# ${t.check.replaceAll('ID', id)}
id: ${id}
title:
  ${lang}: ${t.title}
# ${t.inHouse1}
# ${t.inHouse2}
product: ${t.product}

# ${t.rolesNote}
roles:
  client:
    title: { ${lang}: ${t.client} }
  server:
    title: { ${lang}: ${t.server} }

# ${t.featuresNote}
features:
  web-access:
    title: { ${lang}: ${t.feature} }
    default: true

# ${t.parametersNote}
parameters:
  app_port:
    type: port
    title: { ${lang}: ${t.parameter} }
    default: 8443

flows:
  # ${t.flowNote}
  - id: client-to-server
    purpose: { ${lang}: ${t.purpose} }
    from: client
    to: server
    services: ['tcp/\${app_port}']
    when: web-access
    level: mandatory
`;
}

const EN = {
  intro: 'Starter catalog written by `flowmatrix catalog new`: edit it for your application.',
  guide: 'Guide: docs/writing-a-catalog.md. Texts may be in English only; French is optional.',
  check:
    'Check it: flowmatrix validate ID.yaml · flowmatrix catalog show ./ID.yaml · flowmatrix audit --catalog ./ID.yaml',
  title: 'My application — network flows',
  inHouse1: 'No `source`: an in-house catalog (your team is the source). When you transcribe a vendor document,',
  inHouse2: 'add `source: { document: …, title: … }`, `vendor:`, and `ref:` on each flow to point at its row.',
  product: 'My application',
  rolesNote: 'Roles are the ends of the flows; a site binds each one to hosts, groups or zones.',
  client: 'Workstations using the application',
  server: 'Application server',
  featuresNote: 'A feature turns flows on or off (`when:` on a flow); a site chooses.',
  feature: 'Web access to the application',
  parametersNote: `A parameter is a value each site may set; \`$\{name}\` uses it in ports and addresses.`,
  parameter: "Port of the application's web interface",
  flowNote: 'One flow: who opens a connection to whom, on which ports, and how much it is needed.',
  purpose: 'Users open the application in their browser',
};

const FR: typeof EN = {
  intro: 'Catalogue de départ écrit par `flowmatrix catalog new` : adaptez-le à votre application.',
  guide: 'Guide : docs/writing-a-catalog.md. Les textes peuvent n’être qu’en français ; l’anglais est facultatif.',
  check:
    'Vérifier : flowmatrix validate ID.yaml · flowmatrix catalog show ./ID.yaml · flowmatrix audit --catalog ./ID.yaml',
  title: 'Mon application — flux réseau',
  inHouse1: 'Sans `source` : catalogue interne (votre équipe est la source). Pour transcrire un document d’éditeur,',
  inHouse2:
    'ajoutez `source: { document: …, title: … }`, `vendor:` et `ref:` sur chaque flux (sa ligne dans le document).',
  product: 'Mon application',
  rolesNote: 'Les rôles sont les extrémités des flux ; un site lie chacun à des hôtes, des groupes ou des zones.',
  client: 'Postes qui utilisent l’application',
  server: 'Serveur d’application',
  featuresNote: 'Une fonctionnalité active ou non des flux (`when:` sur un flux) ; le site choisit.',
  feature: 'Accès web à l’application',
  parametersNote: `Un paramètre est une valeur propre à chaque site ; \`$\{nom}\` l’utilise dans les ports et adresses.`,
  parameter: 'Port de l’interface web de l’application',
  flowNote: 'Un flux : qui ouvre une connexion vers qui, sur quels ports, et à quel point il est nécessaire.',
  purpose: 'Les utilisateurs ouvrent l’application dans leur navigateur',
};
