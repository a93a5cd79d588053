// Organisations, for administrators: /beheer/organisaties. The list (chambers and committees on the side
// of parliament, ministries and directorates on the side of government) and adding one.
import {
  Button,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createOrganisation, listOrganisations, type Organisation, type OrganisationKind } from '../api.js';
import {
  ErrorMessage,
  Loading,
  PageHeading,
  useDocumentTitle,
  useLastData,
  useRequest,
} from '../components.js';
import { TextField } from '../fields.js';
import { Restricted, SelectField, TableScroll } from '../forms.js';
import { useMessages } from '../i18n.js';

const KINDS: OrganisationKind[] = ['chamber', 'committee', 'ministry', 'directorate'];

export function AdminOrganisationsPage() {
  const t = useMessages();
  useDocumentTitle(t.organisationsTitle);
  return (
    <>
      <PageHeading>{t.organisationsTitle}</PageHeading>
      <Restricted admin>{() => <Organisations />}</Restricted>
    </>
  );
}

function Organisations() {
  const t = useMessages();
  const [version, setVersion] = useState(0);
  const request = useRequest((signal) => listOrganisations(signal), `organisations:${version}`);
  const organisations = useLastData(request);
  const [message, setMessage] = useState('');
  const [added, setAdded] = useState(0);
  const names = new Map((organisations ?? []).map((o) => [o.id, o.name]));

  return (
    <>
      <Paragraph role="status" className="vb-message">
        {message}
      </Paragraph>
      {request.state === 'failed' && <ErrorMessage error={request.error} />}
      {organisations === null && request.state === 'loading' && <Loading />}
      {organisations !== null &&
        (organisations.length === 0 ? (
          <Paragraph>{t.organisationsEmpty}</Paragraph>
        ) : (
          <TableScroll label={t.organisationsCaption}>
            <Table className="vb-table" busy={request.state === 'loading'}>
              <TableCaption>{t.organisationsCaption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.colName}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colKind}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colSide}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colParent}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {organisations.map((o) => (
                  <TableRow key={o.id}>
                    <TableHeaderCell scope="row" className="vb-table__row-header">
                      {o.name}
                    </TableHeaderCell>
                    <TableCell>{t.organisationKinds[o.kind] ?? o.kind}</TableCell>
                    <TableCell>{t.sides[o.side] ?? o.side}</TableCell>
                    <TableCell>{o.parentId === null ? '' : (names.get(o.parentId) ?? '')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        ))}
      <section aria-labelledby="add-organisation" className="vb-section">
        <Heading2 id="add-organisation">{t.addOrganisationTitle}</Heading2>
        <AddOrganisation
          key={added}
          focusFirst={added > 0}
          organisations={organisations ?? []}
          onAdded={(organisation) => {
            setMessage(t.organisationAdded(organisation.name));
            setAdded((n) => n + 1);
            setVersion((v) => v + 1);
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !kind) return;
    setBusy(true);
    setError(null);
    createOrganisation({
      name: name.trim(),
      kind: kind as OrganisationKind,
      ...(parent ? { parent } : {}),
    }).then(
      (organisation) => {
        onAdded(organisation);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
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
      <div className="vb-form__actions">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t.addButton}
        </Button>
      </div>
    </form>
  );
}
