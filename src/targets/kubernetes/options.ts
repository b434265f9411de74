import { z } from 'zod';
import { text } from '../../model/text.js';
import { defineOptions, described } from '../kit/options.js';

/** Options of kubernetes (site `firewalls[].options`, `generate --option`). */
export const kubernetesOptions = defineOptions({
  defaultDeny: described(
    z.boolean().optional(),
    text(
      'ajouter une politique `flowmatrix-default-deny` à chaque espace de noms où une règle sélectionne des pods (true par défaut)',
      'add a `flowmatrix-default-deny` policy to every namespace a rule selects pods in (default true)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type KubernetesOptions = z.output<typeof kubernetesOptions>;
