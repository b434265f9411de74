import { type Text, text } from '../model/text.js';

/** The words several resolution problems share, in both languages. */

/** `"a", "b"`: names as messages quote them. */
export const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** `flow "f" of catalog "c"` (French: `flux "f" du catalogue "c"`). */
export const flowOfCatalog = (flow: string, catalog: string): Text =>
  text(`flux "${flow}" du catalogue "${catalog}"`, `flow "${flow}" of catalog "${catalog}"`);

/** How to give a parameter that a port or an address needs: in the site, or on the command line. */
export const setParameterHint = (missing: readonly string[]): Text =>
  text(
    `renseignez-${missing.length > 1 ? 'les' : 'le'} sous catalogs[].parameters dans le site, ou avec --set ${missing[0]}=VALEUR`,
    `set it under catalogs[].parameters in the site, or with --set ${missing[0]}=VALUE`,
  );

/** `du paramètre "a"` / `des paramètres "a", "b"` (after `a besoin`): French agrees with the count. */
export const ofTheParameters = (missing: readonly string[]): string =>
  missing.length > 1 ? `des paramètres ${quoted(missing)}` : `du paramètre ${quoted(missing)}`;
