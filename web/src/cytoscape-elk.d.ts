declare module 'cytoscape-elk' {
  import type { Ext } from 'cytoscape';

  const elk: Ext;
  export default elk;
}
