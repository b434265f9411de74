import { z } from 'zod';
import { text } from '../../model/text.js';
import { pattern } from '../../model/zod-words.js';
import { defineOptions, described } from '../kit/options.js';

/** Options of aws-sg (site `firewalls[].options`, `generate --option`). */
export const awsSgOptions = defineOptions({
  // In one VPC the peer's group follows its instances when their addresses change.
  referenceGroups: described(
    z.boolean().optional(),
    text(
      'entre deux rôles du site, autoriser le groupe de sécurité de l’autre côté plutôt que ses adresses (true par défaut) ; false quand les hôtes d’un rôle sont hors du VPC',
      'between two site roles, allow the peer’s security group instead of its addresses (default true); false when a role’s hosts are outside the VPC',
    ),
  ),
  vpcVariable: described(
    z
      .string()
      .regex(
        ...pattern(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, text('un nom de variable Terraform', 'a Terraform variable name')),
      )
      .optional(),
    text(
      'nom de la variable Terraform qui contient l’id du VPC (par défaut `vpc_id`)',
      'name of the Terraform variable holding the VPC id (default `vpc_id`)',
    ),
  ),
});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type AwsSgOptions = z.output<typeof awsSgOptions>;
