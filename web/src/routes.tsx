import type { ReactNode } from 'react';
import type { Text } from './api-types.ts';
import { moreNav, moreRoutes, moreSiteTabs } from './routes-more.tsx';
import { CatalogScreen, CatalogsScreen } from './screens/catalogs.tsx';
import { LoginScreen } from './screens/login.tsx';
import { MatrixScreen } from './screens/matrix.tsx';
import { SiteEditorScreen } from './screens/site-editor.tsx';
import { NewSiteScreen, SitesScreen } from './screens/sites.tsx';
import { TopologyScreen } from './screens/topology.tsx';
import { ZonesScreen } from './screens/zones.tsx';

/** One client route: a pattern (`/sites/:id/matrix`) and what it shows. */
export interface RouteDef {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
  /** Shown without a session (the login page). */
  public?: boolean;
}

/** A tab of a site's screens: `/sites/:id/<segment>` ('' is the editor). */
export interface SiteTab {
  segment: string;
  label: Text;
}

export const siteTabs: SiteTab[] = [
  { segment: '', label: { en: 'Site file', fr: 'Fichier du site' } },
  { segment: 'matrix', label: { en: 'Matrix', fr: 'Matrice' } },
  { segment: 'zones', label: { en: 'Zones', fr: 'Zones' } },
  { segment: 'topology', label: { en: 'Topology', fr: 'Topologie' } },
  ...moreSiteTabs,
];

export const routes: RouteDef[] = [
  { pattern: '/login', render: () => <LoginScreen />, public: true },
  { pattern: '/sites', render: () => <SitesScreen /> },
  { pattern: '/sites/new', render: () => <NewSiteScreen /> },
  { pattern: '/sites/:id', render: (p) => <SiteEditorScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/matrix', render: (p) => <MatrixScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/zones', render: (p) => <ZonesScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/sites/:id/topology', render: (p) => <TopologyScreen key={p.id} siteId={p.id as string} /> },
  { pattern: '/catalogs', render: () => <CatalogsScreen /> },
  { pattern: '/catalogs/:id', render: (p) => <CatalogScreen key={p.id} catalogId={p.id as string} /> },
  ...moreRoutes,
];

export const nav = [
  { path: '/sites', label: { en: 'Sites', fr: 'Sites' } },
  { path: '/catalogs', label: { en: 'Catalogs', fr: 'Catalogues' } },
  ...moreNav,
];
