import { NotYet } from './placeholder.tsx';

export function ZonesScreen({ siteId }: { siteId: string }) {
  return <NotYet title={siteId} />;
}
