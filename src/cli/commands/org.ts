// `vraagbaak org add|list`: organisations (a chamber or committee, a ministry or directorate).
import type { Command } from 'commander';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../auth/actor.js';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

export function registerOrg(program: Command): void {
  const org = program.command('org').description('Organisaties beheren. / Manage organisations.');

  org
    .command('add')
    .description('Add an organisation')
    .argument('<name>', "its name, e.g. 'Ministerie van BZK' or 'vaste commissie voor Digitale Zaken'")
    .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(', '))
    .option('--parent <name>', 'the organisation it belongs to (a directorate to its ministry)')
    .option('--db <path>', 'database file')
    .action(async (name: string, o: { kind: string; parent?: string; db?: string }) => {
      if (!ORGANISATION_KINDS.includes(o.kind as OrganisationKind)) {
        throw new UsageError(`unknown kind '${o.kind}' (choose ${ORGANISATION_KINDS.join(', ')})`);
      }
      await withArchive(o.db, async ({ store }) => {
        if (await store.accounts.organisationByName(name))
          throw new UsageError(`there is already an organisation '${name}'`);
        const parent = o.parent ? await store.accounts.organisationByName(o.parent) : null;
        if (o.parent && !parent) throw new UsageError(`no organisation '${o.parent}'`);
        const id = await store.accounts.addOrganisation({
          name,
          kind: o.kind as OrganisationKind,
          parentId: parent?.id ?? null,
        });
        await store.audit({
          actor: 'system',
          action: 'organisation.created',
          subject: `organisation:${id}`,
          details: { name, kind: o.kind },
        });
        process.stdout.write(`organisation ${id} added: ${name}\n`);
      });
    });

  org
    .command('list')
    .description('List organisations')
    .option('--db <path>', 'database file')
    .action(async (o: { db?: string }) => {
      await withArchive(o.db, async ({ store }) => {
        for (const r of await store.accounts.organisations())
          process.stdout.write(`${r.id}\t${r.kind}\t${r.name}\n`);
      });
    });
}
