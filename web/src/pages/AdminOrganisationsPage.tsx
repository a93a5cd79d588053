// Organisations, for administrators: /beheer/organisaties. The list (chambers and committees on the side
// of parliament, ministries and directorates on the side of government) and adding one.
import { Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createOrganisation, listOrganisations, type Organisation, type OrganisationKind } from '../api.js';
import { ErrorMessage, LoadedList, useReloadable } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import { DataTable, RestrictedPage, SelectField, useSubmission } from '../forms.js';
import { useMessages } from '../i18n.js';

const KINDS: OrganisationKind[] = ['chamber', 'committee', 'ministry', 'directorate'];

export function AdminOrganisationsPage() {
  const t = useMessages();
  return (
    <RestrictedPage title={t.organisationsTitle} admin>
      {() => <Organisations />}
    </RestrictedPage>
  );
}

function Organisations() {
  const t = useMessages();
  const {
    request,
    data: organisations,
    reload,
  } = useReloadable((signal) => listOrganisations(signal), 'organisations');
  const [message, setMessage] = useState('');
  const [added, setAdded] = useState(0);
  const names = new Map((organisations ?? []).map((o) => [o.id, o.name]));

  return (
    <>
      <Paragraph role="status" className="vb-message">
        {message}
      </Paragraph>
      <LoadedList request={request} items={organisations} empty={t.organisationsEmpty}>
        {(items) => (
          <DataTable
            caption={t.organisationsCaption}
            columns={[t.colName, t.colKind, t.colSide, t.colParent]}
            busy={request.state === 'loading'}
          >
            {items.map((o) => (
              <TableRow key={o.id}>
                <TableHeaderCell scope="row" className="vb-table__row-header">
                  {o.name}
                </TableHeaderCell>
                <TableCell>{t.organisationKinds[o.kind] ?? o.kind}</TableCell>
                <TableCell>{t.sides[o.side] ?? o.side}</TableCell>
                <TableCell>{o.parentId === null ? '' : (names.get(o.parentId) ?? '')}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <section aria-labelledby="add-organisation" className="vb-section">
        <Heading2 id="add-organisation">{t.addOrganisationTitle}</Heading2>
        <AddOrganisation
          key={added}
          focusFirst={added > 0}
          organisations={organisations ?? []}
          onAdded={(organisation) => {
            setMessage(t.organisationAdded(organisation.name));
            setAdded((n) => n + 1);
            reload();
          }}
        />
      </section>
    </>
  );
}

/** The form; renewed (a new key) after each organisation added, with the focus on its first field. */
function AddOrganisation({
  focusFirst,
  organisations,
  onAdded,
}: {
  focusFirst: boolean;
  organisations: Organisation[];
  onAdded: (organisation: Organisation) => void;
}) {
  const t = useMessages();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusFirst) form.current?.querySelector('input')?.focus();
  }, [focusFirst]);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [parent, setParent] = useState('');
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!kind) return;
    send(
      () =>
        createOrganisation({
          name: name.trim(),
          kind: kind as OrganisationKind,
          ...(parent ? { parent } : {}),
        }),
      onAdded,
    );
  }

  return (
    <form ref={form} className="vb-form vb-panel" onSubmit={submit} aria-labelledby="add-organisation">
      {error !== null && <ErrorMessage error={error} />}
      <TextField
        label={t.colName}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        autoComplete="off"
      />
      <SelectField
        label={t.kindLabel}
        value={kind}
        onChange={setKind}
        required
        options={[
          { value: '', label: t.choose },
          ...KINDS.map((k) => ({ value: k, label: t.organisationKinds[k] ?? k })),
        ]}
      />
      <SelectField
        label={t.parentLabel}
        description={t.parentHint}
        value={parent}
        onChange={setParent}
        options={[
          { value: '', label: t.noParent },
          ...organisations.map((o) => ({ value: o.name, label: o.name })),
        ]}
      />
      <SubmitButton busy={busy}>{t.addButton}</SubmitButton>
    </form>
  );
}
