import { defineStrings } from './i18n.ts';
import type { ChangeState, ProbeStatus, Role, RowVerdict, Severity } from './types.ts';

type Words<K extends string> = Record<K, string>;

export const commonStrings = defineStrings(
  {
    loading: 'Loading…',
    error: 'Error',
    retry: 'Retry',
    copy: 'Copy',
    copied: 'Copied to the clipboard',
    copyFailed: 'Could not copy: select the text and copy it',
    download: 'Download',
    none: 'Nothing to show',
    severity: {
      critical: 'critical',
      high: 'high',
      medium: 'medium',
      low: 'low',
      info: 'info',
    } satisfies Words<Severity>,
    verdict: {
      permitted: 'permitted',
      denied: 'denied',
      partial: 'partly permitted',
      indeterminate: 'indeterminate',
    } satisfies Words<RowVerdict>,
    probe: {
      PASS: 'passed',
      FAIL: 'failed',
      WARN: 'warning',
      INCONCLUSIVE: 'inconclusive',
      UNTESTABLE: 'untestable',
      SKIPPED: 'skipped',
    } satisfies Words<ProbeStatus>,
    state: {
      draft: 'draft',
      submitted: 'submitted',
      approved: 'approved',
      implemented: 'implemented',
      verified: 'verified',
      rejected: 'rejected',
    } satisfies Words<ChangeState>,
    /** A stored run's kind (the API's `verify` and `probe`). */
    runKind: { verify: 'verification', probe: 'probe report' } as Record<string, string>,
    role: {
      viewer: 'viewer',
      requester: 'requester',
      approver: 'approver',
      implementer: 'implementer',
      admin: 'administrator',
    } satisfies Words<Role>,
  },
  {
    loading: 'Chargement…',
    error: 'Erreur',
    retry: 'Réessayer',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers',
    copyFailed: 'Copie impossible : sélectionnez le texte et copiez-le',
    download: 'Télécharger',
    none: 'Rien à afficher',
    severity: {
      critical: 'critique',
      high: 'élevée',
      medium: 'moyenne',
      low: 'faible',
      info: 'info',
    },
    verdict: {
      permitted: 'autorisé',
      denied: 'refusé',
      partial: 'autorisé en partie',
      indeterminate: 'indéterminé',
    },
    probe: {
      PASS: 'réussi',
      FAIL: 'échoué',
      WARN: 'avertissement',
      INCONCLUSIVE: 'indécidable',
      UNTESTABLE: 'non testable',
      SKIPPED: 'non exécuté',
    },
    state: {
      draft: 'brouillon',
      submitted: 'soumise',
      approved: 'approuvée',
      implemented: 'mise en œuvre',
      verified: 'vérifiée',
      rejected: 'rejetée',
    },
    runKind: { verify: 'vérification', probe: 'rapport de sondes' },
    role: {
      viewer: 'lecteur',
      requester: 'demandeur',
      approver: 'approbateur',
      implementer: 'intégrateur',
      admin: 'administrateur',
    },
  },
);
