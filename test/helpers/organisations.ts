// The organisations a question list's life runs through, for tests: the committee that asks, the
// ministry that answers and a directorate of it that drafts. Each test may name them its own way.
import type { AccountStore } from '../../src/store/accounts.js';

export interface WorkflowOrganisations {
  committee: number;
  ministry: number;
  directorate: number;
}

export async function addWorkflowOrganisations(
  accounts: AccountStore,
  names: Partial<Record<keyof WorkflowOrganisations, string>> = {},
): Promise<WorkflowOrganisations> {
  const committee = await accounts.addOrganisation({
    name: names.committee ?? 'vaste commissie voor Binnenlandse Zaken',
    kind: 'committee',
  });
  const ministry = await accounts.addOrganisation({
    name: names.ministry ?? 'Ministerie van BZK',
    kind: 'ministry',
  });
  const directorate = await accounts.addOrganisation({
    name: names.directorate ?? 'DG Openbaar Bestuur',
    kind: 'directorate',
    parentId: ministry,
  });
  return { committee, ministry, directorate };
}
