import { NotYet } from './placeholder.tsx';

export function TopologyScreen({ siteId }: { siteId: string }) {
  return <NotYet title={siteId} />;
}
