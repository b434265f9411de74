import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Artifact } from '../../../src/targets/generate/target.js';
import { commandWorks, type SystemRequirement } from '../../support/system.js';

/** The real terraform, offline: it reads and checks the configuration, then stops at the missing providers. */
export const terraform: SystemRequirement = {
  what: 'terraform (init -backend=false against an empty plugin folder)',
  install: 'install terraform 1.x from releases.hashicorp.com',
  probe: () => commandWorks('terraform', ['version']),
  // Not in Debian: present on this machine image, but CI can only install Debian and npm packages.
  imageOnly: true,
};

/**
 * The artifacts written as the CLI writes them (`-o DIR`), then `terraform init` in each folder holding a `.tf`:
 * every folder is one Terraform module. Returns the configuration errors terraform reports (duplicate variables,
 * outputs or resources, syntax); the missing-provider error of an offline init is not one of them.
 */
export function terraformConfigErrors(artifacts: readonly Artifact[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'flowmatrix-tf-'));
  const plugins = join(root, '.no-plugins');
  mkdirSync(plugins);
  try {
    const folders = new Set<string>();
    for (const a of artifacts) {
      const path = join(root, a.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, a.content);
      if (a.path.endsWith('.tf')) folders.add(dirname(path));
    }
    const errors: string[] = [];
    for (const folder of folders) {
      let log = '';
      try {
        log = execFileSync(
          'terraform',
          ['init', '-backend=false', '-input=false', '-no-color', `-plugin-dir=${plugins}`],
          { cwd: folder, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, TF_IN_AUTOMATION: '1' } },
        );
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        log = `${err.stdout ?? ''}${err.stderr ?? ''}`;
      }
      if (/configuration must be valid/.test(log)) {
        const found = log.match(/Error: [^\n]+/g) ?? ['Error: invalid configuration'];
        errors.push(...found.map((m) => `${folder.slice(root.length + 1) || '.'}: ${m}`));
      } else if (
        !/provider\s+registry\.terraform\.io\/hashicorp\/\w+\s+was\s+not\s+found|successfully initialized/.test(log)
      ) {
        // A module with no resource needs no provider and initialises; anything else is unexpected.
        errors.push(`${folder}: unexpected terraform output: ${log}`);
      }
    }
    return errors;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
