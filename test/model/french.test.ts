import { describe, expect, it } from 'vitest';
import { refIn } from '../../src/model/ref.js';
import { counted, frenchSpaces, pick } from '../../src/model/text.js';

describe('French typography', () => {
  it.each([
    ['Site : Paris', 'Site\u00a0: Paris'],
    ['a ; b', 'a\u00a0; b'],
    ['Vraiment ?', 'Vraiment\u00a0?'],
    ['Attention ! ici', 'Attention\u00a0! ici'],
    // No space before the sign: URLs, IPv6 addresses, times, file:line stay as they are.
    ['https://example.org:8443/x', 'https://example.org:8443/x'],
    ['2001:db8::1 à 12:30', '2001:db8::1 à 12:30'],
    ['site.yaml:3: erreur', 'site.yaml:3: erreur'],
  ])('%j → %j', (raw, spaced) => {
    expect(frenchSpaces(raw)).toBe(spaced);
  });

  it('pick gives French texts their no-break spaces, English ones untouched', () => {
    const t = { fr: 'Note : voir', en: 'Note : see' };
    expect(pick(t, 'fr')).toBe('Note\u00a0: voir');
    expect(pick(t, 'en')).toBe('Note : see');
  });

  it('counts agree with their number: French singular for 0 and 1, English for 1 only', () => {
    expect(counted(0, 'constat', 'constats', 'fr')).toBe('0 constat');
    expect(counted(1, 'constat', 'constats', 'fr')).toBe('1 constat');
    expect(counted(2, 'constat', 'constats', 'fr')).toBe('2 constats');
    expect(counted(0, 'finding', 'findings', 'en')).toBe('0 findings');
    expect(counted(1, 'finding', 'findings', 'en')).toBe('1 finding');
  });
});

describe('refIn', () => {
  it.each([
    ['§1 row 1 (DNS)', '§1 ligne 1 (DNS)'],
    ['Mailbox table, rows 2, 3', 'Mailbox table, lignes 2, 3'],
    ['§8 item 3 (Imprimantes)', '§8 point 3 (Imprimantes)'],
    ['Tableau 3, ligne 12', 'Tableau 3, ligne 12'],
    ['§1 note (arrow)', '§1 note (arrow)'],
  ])('%j reads %j in French', (ref, fr) => {
    expect(refIn(ref, 'fr')).toBe(fr);
    expect(refIn(ref, 'en')).toBe(ref);
  });
});
