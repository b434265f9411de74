import { colon, frenchSpaces, type Lang, type Text, text } from '../model/text.js';
import type { CliContext } from './context.js';

/**
 * Where a plain error of the command line (one that is no Issue) is: the program itself (`flowmatrix: `), a file as
 * the user named it (`FILE: `, `FILE:1:1: `, written as `formatIssue` writes a place), an argument as typed
 * (`--today 2025-13-01: `, with the colon of the language, as `badSettings` writes it), or nowhere (a sentence that
 * says what to give).
 */
export type ErrorPlace =
  | { readonly program: true }
  | { readonly file: string }
  | { readonly arg: string }
  | { readonly nowhere: true };

export const PROGRAM: ErrorPlace = { program: true };
export const NOWHERE: ErrorPlace = { nowhere: true };

function placeText(place: ErrorPlace, lang: Lang): string {
  if ('program' in place) return 'flowmatrix: ';
  if ('file' in place) return `${place.file}: `;
  if ('arg' in place) return `${place.arg}${colon(lang)} `;
  return '';
}

/** `place: message — hint` in `lang`, one line; the French with its no-break spaces. */
export function errorLine(lang: Lang, place: ErrorPlace, message: Text, hint?: Text): string {
  const words = (t: Text): string => (lang === 'fr' ? frenchSpaces(t.fr) : t.en);
  return `${placeText(place, lang)}${words(message)}${hint ? ` — ${words(hint)}` : ''}\n`;
}

/** Prints `errorLine` on standard error. */
export const sayError = (ctx: CliContext, lang: Lang, place: ErrorPlace, message: Text, hint?: Text): void =>
  ctx.err(errorLine(lang, place, message, hint));

/** A binary document asked for on standard output: what it is, and the `-o` that writes it (`file`, an example). */
export function binaryFormat(format: string, file: string | Text): [Text, Text] {
  const named = typeof file === 'string' ? text(file, file) : file;
  return [
    text(`${format} est un format binaire`, `${format} is a binary format`),
    text(`écrivez-le dans un fichier avec -o ${named.fr}`, `write it to a file with -o ${named.en}`),
  ];
}
