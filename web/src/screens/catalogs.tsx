import { NotYet } from './placeholder.tsx';

export function CatalogsScreen() {
  return <NotYet title="Catalogs" />;
}
export function CatalogScreen({ catalogId }: { catalogId: string }) {
  return <NotYet title={catalogId} />;
}
