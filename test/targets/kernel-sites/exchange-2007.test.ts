import { describeSite } from './prove.js';

describeSite('exchange-2007-site.yaml');
