import { describeSite } from './prove.js';

describeSite('hamilton-site.yaml');
