import type { RouteDef, SiteTab } from './routes.tsx';
import { AuditScreen } from './screens/audit/AuditScreen.tsx';
import { HistoryScreen } from './screens/history/HistoryScreen.tsx';
import { NotYet } from './screens/placeholder.tsx';
import { RulesScreen } from './screens/rules/RulesScreen.tsx';
import { VerifyScreen } from './screens/verify/VerifyScreen.tsx';

/**
 * The screens of the second UI branch (audit, rules, verify and probe, history, change requests, admin): its owner
 * replaces these placeholders with the real screens. Kept apart from `routes.tsx` so both branches merge cleanly.
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
  { pattern: '/changes', render: () => <NotYet title="Changes" /> },
  { pattern: '/changes/:id', render: () => <NotYet title="Change" /> },
  { pattern: '/admin', render: () => <NotYet title="Admin" /> },
];

/** Top navigation entries of the second branch. */
export const moreNav = [
  { path: '/changes', label: { en: 'Change requests', fr: 'Demandes de changement' } },
  { path: '/admin', label: { en: 'Administration', fr: 'Administration' }, adminOnly: true },
];
