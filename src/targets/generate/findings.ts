import { refIn } from '../../model/ref.js';
import type { Text } from '../../model/text.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

// The findings the generate stage raises for every target (`target:<id>:<finding>`): rows that are not packet flows,
// what a platform's capabilities cannot express, translations a target cannot write. A target's own findings live
// in its folder (`src/targets/<id>/findings.ts`); both tables are listed in docs/targets.md.

/** An address kind dropped from one side of a rule (see capabilities.ts). */
interface Dropped {
  /** The target id, named in the message. */
  readonly target: string;
  readonly side: 'source' | 'destination';
  readonly role: string;
  readonly values: readonly string[];
  /** Nothing left on that side: the rule is withheld. */
  readonly whole: boolean;
  /** What to do instead (the platform's own advice, or the stage's). */
  readonly instead: Text;
}

/** `what.fr` carries its article (`un nom DNS`): French cannot drop it where English does. */
const dropped = (what: Text, title: Text) =>
  ({
    severity: { among: ['high', 'medium'], of: (p: Dropped) => (p.whole ? 'high' : 'medium') },
    title,
    message: (p: Dropped): Text => ({
      fr: `${p.target} ne sait pas exprimer ${what.fr} (${p.side} ${p.role} : ${p.values.join(', ')}) : ${p.whole ? 'règle non générée' : 'ces adresses ne sont pas ouvertes'}`,
      en: `${p.target} cannot express ${what.en} (${p.side} ${p.role}: ${p.values.join(', ')}): ${p.whole ? 'rule not generated' : 'these addresses are not opened'}`,
    }),
    remediation: (p: Dropped): Text => ({ fr: `Alternative : ${p.instead.fr}`, en: `Instead: ${p.instead.en}` }),
  }) as const;

/** A service a finding names. */
interface Service {
  readonly protocol: string;
  readonly name: string;
}

/** A row crossing an address translation the target cannot write for it. */
interface Crossed {
  readonly row: RowRef;
  readonly target: string;
}

/** A row's way out through the proxy opened by zone and port (site `proxy.egress: by-port`). */
interface ProxyEgress {
  readonly row: RowRef;
  /** The destination's role, and the names it is given by. */
  readonly role: string;
  readonly names: readonly string[];
  readonly zone: string;
  /** The flow of an earlier row whose rule already lets it out: this row adds none. */
  readonly by?: string;
}

/** The generate stage's findings, raised with `stageFindings.forTarget(id)`. */
export const stageFindings = defineFindings('<target>', {
  fqdn: dropped(
    { fr: 'un nom DNS (FQDN)', en: 'DNS name (FQDN)' },
    { fr: 'Nom DNS non exprimable par la cible', en: 'DNS name the target cannot express' },
  ),
  'wildcard-fqdn': dropped(
    { fr: 'un nom DNS générique (*.domaine)', en: 'wildcard DNS name (*.domain)' },
    { fr: 'Nom DNS générique non exprimable', en: 'Wildcard DNS name the target cannot express' },
  ),
  url: dropped({ fr: 'une URL', en: 'URL' }, { fr: 'URL non exprimable', en: 'URL the target cannot express' }),
  ipv6: dropped(
    { fr: 'une adresse IPv6', en: 'IPv6 address' },
    { fr: 'IPv6 non géré par la cible', en: 'IPv6 the target does not handle' },
  ),
  k8s: dropped(
    { fr: 'un sélecteur Kubernetes', en: 'Kubernetes selector' },
    { fr: 'Sélecteur Kubernetes hors de la cible kubernetes', en: 'Kubernetes selector outside the kubernetes target' },
  ),
  'invalid-address': dropped(
    { fr: 'une adresse illisible', en: 'unreadable address' },
    { fr: 'Adresse illisible', en: 'Unreadable address' },
  ),
  'family-mismatch': {
    severity: 'high',
    title: {
      fr: 'Source et destination de familles IP différentes',
      en: 'Source and destination of different IP families',
    },
    message: ({ service }: { row: RowRef; service?: Service & { family: 4 | 6 } }): Text =>
      service
        ? {
            fr: `${service.protocol} (${service.name}) alors que les adresses ne sont pas IPv${service.family} : non ouvert`,
            en: `${service.protocol} (${service.name}) but the addresses are not IPv${service.family}: not opened`,
          }
        : {
            fr: 'Source et destination de familles IP différentes (IPv4/IPv6) : aucun paquet ne peut correspondre, règle non générée',
            en: 'Source and destination are of different IP families (IPv4/IPv6): no packet can match, rule not generated',
          },
  },
  protocol: {
    severity: 'high',
    title: { fr: 'Protocole non pris en charge', en: 'Protocol the target does not support' },
    message: ({ protocol, name }: { row: RowRef } & Service): Text => ({
      fr: `Protocole ${protocol} (${name}) non pris en charge par la cible : non ouvert`,
      en: `Protocol ${protocol} (${name}) not supported by the target: not opened`,
    }),
  },
  'no-ports': {
    severity: 'high',
    title: { fr: 'Service TCP/UDP sans port', en: 'TCP/UDP service without ports' },
    message: ({ protocol, name }: { row: RowRef } & Service): Text => ({
      fr: `${protocol} (${name}) sans port : ouvrir tous les ports élargirait la règle, non ouvert`,
      en: `${protocol} (${name}) without ports: opening every port would widen the rule, not opened`,
    }),
  },
  'invalid-port': {
    severity: 'high',
    title: { fr: 'Plage de ports invalide', en: 'Invalid port range' },
    message: ({ name, from, to }: { row: RowRef; name: string; from: number; to: number }): Text => ({
      fr: `${name} : plage de ports invalide ${from}-${to}, non ouverte`,
      en: `${name}: invalid port range ${from}-${to}, not opened`,
    }),
  },
  'port-range': {
    severity: 'high',
    title: { fr: 'Plage de ports non exprimable', en: 'Port range the target cannot express' },
    message: ({ name }: { row: RowRef; name: string }): Text => ({
      fr: `${name} : la cible ne sait pas exprimer de plage de ports, non ouvert`,
      en: `${name}: the target cannot express port ranges, not opened`,
    }),
  },
  'no-service': {
    severity: 'high',
    title: { fr: 'Flux sans protocole ni port', en: 'Flow with no protocol or port' },
    message: (_: { row: RowRef }): Text => ({
      fr: 'Aucun protocole ni port pour ce flux : règle non générée',
      en: 'No protocol or port for this flow: rule not generated',
    }),
  },
  'icmp-family': {
    severity: 'medium',
    title: {
      fr: 'Type ICMP sans équivalent dans l’autre famille IP',
      en: 'ICMP type with no counterpart in the other IP family',
    },
    message: ({ spec, name, family }: { row: RowRef; spec: string; name: string; family: 4 | 6 }): Text => ({
      fr: `${spec} (${name}) n’a pas d’équivalent en IPv${family} alors que les deux extrémités ont des adresses IPv${family} : non ouvert en IPv${family}`,
      en: `${spec} (${name}) has no IPv${family} counterpart although both ends have IPv${family} addresses: not opened over IPv${family}`,
    }),
  },
  'trusted-site': {
    severity: 'info',
    sameForEveryTarget: true,
    title: { fr: 'Site de confiance du navigateur, pas une règle', en: 'Browser trusted site, not a rule' },
    message: ({ row }: { row: RowRef }): Text => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : configuration du navigateur (sites de confiance), pas une règle de pare-feu`,
      en: `Flow ${row.flow} (${row.ref}): browser configuration (trusted sites), not a firewall rule`,
    }),
    remediation: (): Text => ({
      fr: 'Ajouter ces adresses aux sites de confiance par stratégie de groupe',
      en: 'Add these addresses to the trusted sites through group policy',
    }),
  },
  reference: {
    severity: 'medium',
    sameForEveryTarget: true,
    title: { fr: 'Flux sans port documenté', en: 'Flow with no documented port' },
    message: ({ row }: { row: RowRef }): Text => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : aucun port documenté, aucune règle générée`,
      en: `Flow ${row.flow} (${row.ref}): no documented port, no rule generated`,
    }),
    remediation: (): Text => ({
      fr: 'Consulter le document référencé et décrire le flux avec ses ports dans le catalogue',
      en: 'Read the referenced document and describe the flow with its ports in the catalog',
    }),
  },
  'proxy-egress': {
    severity: 'low',
    sameForEveryTarget: true,
    title: {
      fr: 'Sortie du proxy ouverte par zone et port (choix déclaré du site)',
      en: 'Proxy egress opened by zone and port (the site’s declared choice)',
    },
    message: ({ role, names, zone, by }: ProxyEgress): Text => ({
      fr: `destination ${role} (${names.join(', ')}) : le proxy est ouvert vers toute adresse de la zone ${zone} sur les ports du flux, comme le site le déclare (proxy.egress: by-port) ; c’est le proxy qui filtre par nom${by ? ` (déjà ouvert par la règle du flux ${by})` : ''}`,
      en: `destination ${role} (${names.join(', ')}): the proxy is let out to every address of zone ${zone} on the flow's ports, as the site declares (proxy.egress: by-port); the proxy filters by name${by ? ` (already let out by the rule of flow ${by})` : ''}`,
    }),
    remediation: (): Text => ({
      fr: 'Pour une règle plus étroite : lister dans le site les adresses publiées de ces services et retirer proxy.egress: by-port',
      en: 'For a narrower rule: list the published addresses of these services in the site and remove proxy.egress: by-port',
    }),
  },
  'proxy-legs': {
    severity: 'high',
    title: { fr: 'Flux par le proxy sans ses deux segments', en: 'Flow through the proxy without its two legs' },
    message: ({ row }: { row: RowRef }): Text => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : marqué par le proxy mais sans ses deux segments (client → proxy → destination), règle non générée`,
      en: `Flow ${row.flow} (${row.ref}): marked as through the proxy but without its two legs (client → proxy → destination), rule not generated`,
    }),
    remediation: (): Text => ({
      fr: 'Régénérer la matrice depuis le site (flowmatrix matrix) plutôt que la modifier à la main',
      en: 'Rebuild the matrix from the site (flowmatrix matrix) rather than editing it by hand',
    }),
  },
  'flows-unnamed': {
    severity: 'low',
    title: {
      fr: 'Règle commune à plusieurs flux, trop nombreux pour son commentaire',
      en: 'Rule shared by more flows than its comment can name',
    },
    message: ({ flows, max }: { row: RowRef; flows: readonly string[]; max: number }): Text => ({
      fr: `Une seule règle ouvre pour ${flows.length} flux identiques (${flows.join(', ')}) ; son commentaire (${max} caractères au plus) en nomme une partie et compte les autres`,
      en: `One rule opens for ${flows.length} identical flows (${flows.join(', ')}); its comment (${max} characters at most) names some and counts the others`,
    }),
    remediation: (): Text => ({
      fr: 'Rien à faire sur l’équipement : cette liste et la matrice nomment chaque flux de la règle',
      en: 'Nothing to do on the device: this list and the matrix name every flow of the rule',
    }),
  },
  'nat-unsupported': {
    severity: 'high',
    title: {
      fr: 'Traduction d’adresses que la cible ne sait pas écrire',
      en: 'Address translation the target cannot write',
    },
    message: (p: Crossed & ({ translations: string } | { masqueradedBy: string })): Text => {
      const { row } = p;
      return 'masqueradedBy' in p
        ? {
            fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : la source est masquée par ${p.masqueradedBy} avant ce pare-feu (masquerade) ; son adresse n’est pas connue, règle non générée`,
            en: `Flow ${row.flow} (${row.ref}): the source is masqueraded by ${p.masqueradedBy} before this firewall; its address is not known, rule not generated`,
          }
        : {
            fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : traverse une traduction d’adresses (${p.translations}) que la cible ${p.target} ne sait pas écrire ; règle non générée`,
            en: `Flow ${row.flow} (${row.ref}): crosses an address translation (${p.translations}) that target ${p.target} cannot write; rule not generated`,
          };
    },
    remediation: (p: Crossed & ({ translations: string } | { masqueradedBy: string })): Text =>
      'masqueradedBy' in p
        ? {
            fr: `Donner à la traduction source de ${p.masqueradedBy} une adresse fixe (address:)`,
            en: `Give ${p.masqueradedBy}'s source translation a fixed address (address:)`,
          }
        : {
            fr: 'Écrire cette règle à la main avec les adresses que voit cet équipement, ou filtrer sur le pare-feu qui traduit',
            en: 'Write this rule by hand with the addresses this device sees, or filter on the firewall that translates',
          },
  },
});

/** The address kinds the capability check drops, each a finding of the table above. */
export type StageFindings = typeof stageFindings.specs;

export type DropReason = 'fqdn' | 'wildcard-fqdn' | 'url' | 'ipv6' | 'k8s' | 'invalid-address';
