import { describe, expect, it } from 'vitest';
import { originFacts } from '../../src/render/labels.js';

describe('originFacts: the facts we added, one after the other', () => {
  it('joins short facts with a semicolon, and a sentence ending in its stop with none', () => {
    const origin = {
      level: {
        fr: 'Notre lecture : la résolution est indispensable.',
        en: 'Our reading: name resolution is required.',
      },
      auth: { fr: 'Notre lecture : aucune', en: 'Our reading: none' },
      encryption: { fr: 'Notre lecture : en clair', en: 'Our reading: cleartext' },
    };
    // The documents said "… indispensable. ; Authentification …": a stop and then a semicolon.
    expect(originFacts(origin, 'fr')).toBe(
      'Niveau d’exigence\u00a0: Notre lecture\u00a0: la résolution est indispensable. Authentification\u00a0: Notre lecture\u00a0: aucune\u00a0; Chiffrement\u00a0: Notre lecture\u00a0: en clair',
    );
    expect(originFacts(origin, 'en')).toBe(
      'Requirement level: Our reading: name resolution is required. Authentication: Our reading: none; Encryption: Our reading: cleartext',
    );
  });
});
