import { stripAccents } from '../kit/names.js';
import { AWS_DESCRIPTION_CHAR } from './capabilities.js';

/** Text AWS accepts as a name or description: accents dropped, other characters outside its set become spaces. */
export function awsText(text: string, maxLength = 255): string {
  const kept = [...stripAccents(text)].map((c) => (AWS_DESCRIPTION_CHAR.test(c) ? c : ' ')).join('');
  return kept.replace(/ {2,}/g, ' ').trim().slice(0, maxLength).trimEnd();
}
