import { defineFindings, type RowRef } from '../kit/findings.js';

/** What azure-nsg says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const azureNsgFindings = defineFindings('azure-nsg', {
  'icmp-type': {
    severity: 'high',
    title: { fr: 'Type ICMP non filtrable par un NSG', en: 'ICMP type an NSG cannot filter' },
    message: ({
      protocol,
      types,
      names,
    }: {
      row: RowRef;
      protocol: string;
      types: string;
      names: readonly string[];
    }) => ({
      fr: `${protocol} type ${types} (${names.join(', ')}) : un NSG Azure ne filtre pas les types ICMP, ouvrir tout ICMP élargirait la règle, non ouvert`,
      en: `${protocol} type ${types} (${names.join(', ')}): an Azure NSG cannot filter ICMP types, opening all of ICMP would widen the rule, not opened`,
    }),
    remediation: () => ({
      fr: 'Accepter explicitement tout ICMP dans le catalogue (icmp sans type), ou filtrer par Azure Firewall',
      en: 'Accept all of ICMP explicitly in the catalog (icmp without a type), or filter with Azure Firewall',
    }),
  },
  priority: {
    severity: 'high',
    title: { fr: 'Plus de priorité libre dans le NSG', en: 'No priority left in the NSG' },
    message: ({ direction }: { row: RowRef; direction: string }) => ({
      fr: `Plus de priorité libre (100 à 4086, pas de 10) en ${direction} : règle non générée`,
      en: `No priority left (100 to 4086, step 10) for ${direction}: rule not generated`,
    }),
    remediation: () => ({
      fr: 'Répartir les flux sur plusieurs NSG (un par sous-réseau) ou regrouper les rôles',
      en: 'Spread the flows over several NSGs (one per subnet) or group the roles',
    }),
  },
});
