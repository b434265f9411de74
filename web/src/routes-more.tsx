import type { RouteDef, SiteTab } from './routes.tsx';
import { AdminScreen } from './screens/admin/AdminScreen.tsx';
import { AuditScreen } from './screens/audit/AuditScreen.tsx';
import { ChangeDetailScreen } from './screens/changes/ChangeDetailScreen.tsx';
import { ChangesScreen, NewChangeScreen } from './screens/changes/ChangesScreen.tsx';
import { HistoryScreen } from './screens/history/HistoryScreen.tsx';
import { RulesScreen } from './screens/rules/RulesScreen.tsx';
import { VerifyScreen } from './screens/verify/VerifyScreen.tsx';

/**
 * The screens of the second UI branch (audit, rules, verify and probe, history, change requests, admin), kept apart
 * from `routes.tsx` so both branches merge cleanly. `/changes/new` comes before `/changes/:id` (first match wins).
 */
export const moreSiteTabs: SiteTab[] = [
  { segment: 'audit', label: { en: 'Audit', fr: 'Audit' } },
  { segment: 'rules', label: { en: 'Rules', fr: 'Règles' } },
  { segment: 'verify', label: { en: 'Verify', fr: 'Vérification' } },
  { segment: 'history', label: { en: 'History', fr: 'Historique' } },
];

export const moreRoutes: RouteDef[] = [
  { pattern: '/sites/:id/audit', render: (p) => <AuditScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/rules', render: (p) => <RulesScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/verify', render: (p) => <VerifyScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/history', render: (p) => <HistoryScreen key={p.id} kind="sites" id={p.id as string} /> },
  { pattern: '/catalogs/:id/history', render: (p) => <HistoryScreen key={p.id} kind="catalogs" id={p.id as string} /> },
  { pattern: '/changes', render: () => <ChangesScreen /> },
  { pattern: '/changes/new', render: () => <NewChangeScreen /> },
  { pattern: '/changes/:id', render: (p) => <ChangeDetailScreen key={p.id} changeId={p.id as string} /> },
  { pattern: '/admin', render: () => <AdminScreen /> },
];

/** Top navigation entries of the second branch. */
export const moreNav = [
  { path: '/changes', label: { en: 'Change requests', fr: 'Demandes de changement' } },
  // Every role has a section there (its own API tokens); users and the log only for the roles that may see them.
  { path: '/admin', label: { en: 'Administration', fr: 'Administration' } },
];
