import { describeSite } from './prove.js';

describeSite('lync-2013-edge-site.yaml');
