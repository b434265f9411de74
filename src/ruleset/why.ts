import { colon, counted, FR_SPACE, type Lang, type Text, text } from '../model/text.js';
import type { FinalAction } from './types.js';

/**
 * Why the fate of a packet or a piece of traffic cannot be told, in French and English: the `--packet` answers and
 * the verify report say it in the user's language. Verdict keywords (`accept`, `drop`), `--packet` words (`in IF`,
 * `from-zone Z`, `type`, `code`) and configuration text stay as written: they are what the user types or reads in
 * the configuration.
 */

const S = FR_SPACE;

export const LOOP: Text = text(
  'trop de règles non interprétées, ou des chaînes qui s’appellent en boucle',
  'too many uninterpreted rules, or chains that call each other in a loop',
);

export const TOO_DEEP = (levels: number): Text =>
  text(
    `des chaînes s’appellent sur plus de ${levels} niveaux (une boucle${S}?)`,
    `chains call each other deeper than ${levels} levels (a loop?)`,
  );

export const noChain = (name: string): Text => text(`aucune chaîne nommée ${name}`, `no chain named ${name}`);

export const tooManyPieces = (limit: number): Text =>
  text(`plus de ${limit} morceaux de trafic à suivre`, `more than ${limit} pieces of traffic to follow`);

/** Rules with matches the analysis does not read decide between several actions. */
export const uninterpretedDecide = (rules: number, outcomes: readonly FinalAction[]): Text =>
  text(
    `${counted(rules, 'règle dont des critères ne sont pas interprétés décide', 'règles dont des critères ne sont pas interprétés décident', 'fr')} entre ${outcomes.join(' et ')}`,
    `${counted(rules, 'rule with matches this analysis does not interpret decides', 'rules with matches this analysis does not interpret decide', 'en')} between ${outcomes.join(' and ')}`,
  );

/** `at`: where the rules are (`file:line`). */
export const couldDecideOtherwise = (at: readonly string[]): Text =>
  text(
    `des critères non interprétés (${at.join(', ')}) pourraient en décider autrement`,
    `uninterpreted matches on ${at.join(', ')} could decide otherwise`,
  );

/** `by`: the translation's configuration text, when known. */
export const severalTargets = (by: string | undefined): Text =>
  text(
    `${by ?? 'une traduction'} envoie le paquet vers une adresse ou un port parmi plusieurs, que le filtrage ne traite pas de la même façon`,
    `${by ?? 'a translation'} sends the packet to one of several addresses or ports, which the filter does not decide alike`,
  );

export const UNSAID_TRANSLATED_APART: Text = text(
  'des parties du paquet qu’il ne précise pas sont traduites différemment',
  'parts of the packet left unsaid are translated differently',
);

/** `at`: where the translation is; `to`: the addresses it translates to, when known. */
export const unknownZone = (at: string, to: string | undefined): Text =>
  text(
    `${at} traduit la destination en ${to ?? 'une autre adresse'}, dont la zone n’est pas connue (le filtrage lit la zone après traduction)`,
    `${at} translates the destination to ${to ?? 'another address'}, whose zone is not known (the filter matches the zone after translation)`,
  );

export const translationUnknown = (why: Text | undefined): Text =>
  text(`traduction d’adresse${S}: ${why?.fr ?? 'indéterminée'}`, `address translation: ${why?.en ?? 'cannot tell'}`);

/** A packet whose zone contradicts the one the configuration puts its interface in. */
export const zoneContradicts = (c: { name: string; zone: string; zoneWord: string; said: string }): Text =>
  text(
    `l’interface ${c.name} est dans la zone ${c.zone} dans cette configuration, et le paquet dit ${c.zoneWord} ${c.said}`,
    `interface ${c.name} is in zone ${c.zone} in this configuration, and the packet says ${c.zoneWord} ${c.said}`,
  );

/** `unsaid`: the `--packet` words the packet leaves out (`in IF, out IF`). */
export const placesTooMany = (unsaid: string): Text =>
  text(
    `les règles décident selon ${unsaid}, en trop de combinaisons pour les essayer toutes${S}: précisez-les dans le paquet (${unsaid})`,
    `the rules decide by ${unsaid}, in too many combinations to try: give the packet's (${unsaid})`,
  );

/** How many of the places or kinds tried gave each action, and how many could not be told. */
export interface Tally {
  readonly action: FinalAction | 'indeterminate';
  readonly count: number;
}

/** A verdict keyword as it is, "cannot tell" in words. */
const actionText = (action: FinalAction | 'indeterminate', lang: Lang): string =>
  action === 'indeterminate' ? (lang === 'fr' ? 'indéterminé' : 'cannot tell') : action;

const tallyText = (t: Tally, lang: Lang): string => {
  const action = actionText(t.action, lang);
  const places = counted(t.count, lang === 'fr' ? 'endroit' : 'place', lang === 'fr' ? 'endroits' : 'places', lang);
  return `${action} ${lang === 'fr' ? 'dans' : 'in'} ${places}`;
};

/**
 * A packet that does not say where it crosses, and the places tried disagree. `firstUnknown`: the first place that
 * could not be told and why; `add`: what to add, each with its alternative (`from-zone Z (or in IF)`).
 */
export const placesDisagree = (
  unsaid: string,
  tallies: readonly Tally[],
  firstUnknown: { place: Text; why: Text } | undefined,
  add: readonly { word: string; or?: string }[],
): Text => {
  const say = (lang: Lang): string => {
    const parts = tallies.map((t) => {
      const text = tallyText(t, lang);
      return t.action === 'indeterminate' && firstUnknown
        ? `${text} (${firstUnknown.place[lang]}${colon(lang)} ${firstUnknown.why[lang]})`
        : text;
    });
    const or = lang === 'fr' ? 'ou' : 'or';
    const adding = add.map((a) => (a.or ? `${a.word} (${or} ${a.or})` : a.word)).join(', ');
    return lang === 'fr'
      ? `le paquet ne précise pas ${unsaid}, et les règles en dépendent${S}; parmi les endroits essayés${S}: ${parts.join(', ')}. Ajoutez ${adding}`
      : `the packet does not say its ${unsaid}, and the rules decide by them; of the places tried: ${parts.join(', ')}. Add ${adding}`;
  };
  return text(say('fr'), say('en'));
};

/** The place no rule names, as the answers list places. */
export const NOWHERE_NAMED: Text = text('là où aucune règle n’en nomme', 'where no rule names');

const ICMP_UNSAID = {
  both: text('le type et le code ICMP', 'ICMP type and code'),
  code: text('le code ICMP', 'ICMP code'),
};

export const icmpTooMany = (unsaid: 'both' | 'code'): Text =>
  text(
    `les règles décident selon ${ICMP_UNSAID[unsaid].fr}, en trop de variantes pour les essayer toutes${S}: précisez le type et le code du paquet`,
    `the rules decide by the ${ICMP_UNSAID[unsaid].en}, in too many kinds to try: give the packet's type and code`,
  );

/** Each kind tried (`type 8 code 0`) with what it gave. */
export const icmpDisagree = (
  unsaid: 'both' | 'code',
  tried: readonly { kind: string; action: FinalAction | 'indeterminate' }[],
): Text => {
  const list = (lang: Lang): string =>
    tried.map((t) => `${actionText(t.action, lang)} ${lang === 'fr' ? 'pour' : 'for'} ${t.kind}`).join(', ');
  return text(
    `le paquet ne précise pas ${ICMP_UNSAID[unsaid].fr}, et les règles en dépendent${S}: ${list('fr')}. Ajoutez type et code`,
    `the packet does not say its ${ICMP_UNSAID[unsaid].en}, and the rules decide by it: ${list('en')}. Add type and code`,
  );
};

/** `by`: the translations (`file:12 (map)`: each with why, when several); `why`: why, when one. */
export const translationNotModelled = (by: readonly string[], why?: string): Text =>
  text(
    `la traduction d’adresse par ${by.join(', ')} n’est pas modélisée${why ? ` (${why})` : ''}`,
    `address translation by ${by.join(', ')} is not modelled${why ? ` (${why})` : ''}`,
  );

export const translationCouldChange = (at: readonly string[]): Text =>
  text(
    `traduction d’adresse${S}: des critères non interprétés (${at.join(', ')}) pourraient la changer`,
    `address translation: uninterpreted matches on ${at.join(', ')} could change it`,
  );

export const otherFamily = (at: string): Text =>
  text(`${at} traduit vers une autre famille d’adresses`, `${at} translates to another address family`);
