import { describeSite } from './prove.js';

describeSite('m365-additional-endpoints-site.yaml');
