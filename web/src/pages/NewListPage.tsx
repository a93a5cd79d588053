// A new question list: /werk/lijsten/nieuw. A clerk picks one of their committees and the ministry asked,
// and gives the title, the addressees, the documents asked about, the scope and the deadline; the list
// is then the committee's draft, to which the questions are added on its own page.
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { listOrganisations, type User } from '../api.js';
import { ErrorMessage, Loading, useRequest } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import { RestrictedPage, SelectField, useSubmission } from '../forms.js';
import { navigate } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import { createQuestionList } from '../workflow-api.js';
import { DateField, documentIds, lines, TextareaField, workListUrl } from './work-shared.js';

export function NewListPage() {
  const w = useWorkMessages();
  return (
    <RestrictedPage title={w.newList}>
      {(user) => {
        const committees = user.memberships.filter((m) => m.role === 'clerk');
        if (committees.length === 0) {
          return (
            <Alert type="info" className="vb-alert">
              <Paragraph>{w.onlyClerks}</Paragraph>
            </Alert>
          );
        }
        return <NewListForm key={user.id} user={user} />;
      }}
    </RestrictedPage>
  );
}

function NewListForm({ user }: { user: User }) {
  const w = useWorkMessages();
  const committees = user.memberships.filter((m) => m.role === 'clerk');
  const organisations = useRequest((signal) => listOrganisations(signal), 'organisations');
  const [committee, setCommittee] = useState(String(committees[0]?.organisationId ?? ''));
  const [ministry, setMinistry] = useState('');
  const [title, setTitle] = useState('');
  const [addressees, setAddressees] = useState('');
  const [documents, setDocuments] = useState('');
  const [scope, setScope] = useState('');
  const [deadline, setDeadline] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, send } = useSubmission();

  if (organisations.state === 'loading') return <Loading />;
  if (organisations.state === 'failed') return <ErrorMessage error={organisations.error} />;
  const ministries = organisations.data.filter((o) => o.kind === 'ministry');
  if (ministries.length === 0) return <Paragraph>{w.noMinistries}</Paragraph>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { ids, wrong } = documentIds(documents);
    setInvalid(wrong.length ? w.documentsInvalid(wrong.join(', ')) : null);
    if (wrong.length || !committee || !ministry) return;
    send(
      () =>
        createQuestionList({
          title: title.trim(),
          committee: Number(committee),
          ministry: Number(ministry),
          addressees: lines(addressees),
          documents: ids,
          scope: scope.trim() || null,
          deadline: deadline || null,
        }),
      (list) => navigate(workListUrl(list.id)),
    );
  }

  return (
    <>
      <Paragraph>{w.newListIntro}</Paragraph>
      <form className="vb-form" onSubmit={submit} aria-label={w.newList}>
        {error !== null && <ErrorMessage error={error} />}
        {invalid && (
          <Alert type="error" className="vb-alert">
            <Paragraph>{invalid}</Paragraph>
          </Alert>
        )}
        <SelectField
          label={w.fieldCommittee}
          value={committee}
          onChange={setCommittee}
          required
          options={committees.map((m) => ({ value: String(m.organisationId), label: m.organisation }))}
        />
        <SelectField
          label={w.fieldMinistry}
          value={ministry}
          onChange={setMinistry}
          required
          options={[
            { value: '', label: w.choose },
            ...ministries.map((o) => ({ value: String(o.id), label: o.name })),
          ]}
        />
        <TextField
          label={w.fieldTitle}
          description={w.titleHint}
          value={title}
          onChange={setTitle}
          required
          maxLength={300}
          autoComplete="off"
        />
        <TextareaField
          label={w.fieldAddressees}
          description={w.addresseesHint}
          value={addressees}
          onChange={setAddressees}
          rows={2}
        />
        <TextareaField
          label={w.fieldDocuments}
          description={w.documentsHint}
          value={documents}
          onChange={setDocuments}
          rows={2}
        />
        <TextareaField
          label={w.fieldScope}
          description={w.scopeHint}
          value={scope}
          onChange={setScope}
          rows={3}
          maxLength={5000}
        />
        <DateField
          label={w.fieldDeadline}
          description={w.deadlineHint}
          value={deadline}
          onChange={setDeadline}
        />
        <SubmitButton busy={busy}>{w.createList}</SubmitButton>
      </form>
    </>
  );
}
