import { describeSite } from './prove.js';

describeSite('exchange-hybrid-web-mfa-site.yaml');
