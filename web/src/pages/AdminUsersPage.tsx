// Users, for administrators: /beheer/gebruikers. The list with roles and whether each is disabled;
// disabling and enabling, making and unmaking administrators; adding a user (the one-time password is
// shown once); giving a user a role in an organisation.
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import {
  addMembership,
  createUser,
  listOrganisations,
  listUsers,
  type NewUser,
  type Organisation,
  type Role,
  type User,
  updateUser,
} from '../api.js';
import { ErrorMessage, LoadedList, useReloadable, useRequest } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import {
  CheckboxField,
  DataTable,
  MadeNotice,
  OnceSecret,
  RestrictedPage,
  SelectField,
  useSubmission,
} from '../forms.js';
import { useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';

const ROLES: Role[] = ['clerk', 'coordinator', 'drafter', 'approver'];

export function AdminUsersPage() {
  const t = useMessages();
  return (
    <RestrictedPage title={t.usersTitle} admin>
      {(me) => <Users me={me} />}
    </RestrictedPage>
  );
}

function Users({ me }: { me: User }) {
  const t = useMessages();
  const {
    request: usersRequest,
    data: users,
    reload,
  } = useReloadable((signal) => listUsers(signal), 'users');
  const organisationsRequest = useRequest((signal) => listOrganisations(signal), 'organisations');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [added, setAdded] = useState<NewUser | null>(null);

  function changed(text: string) {
    setMessage(text);
    setError(null);
    reload();
  }

  function update(user: User, change: { disabled?: boolean; admin?: boolean }) {
    setPending(user.id);
    setError(null);
    updateUser(user.id, change).then(
      () => {
        setPending(null);
        if (change.disabled !== undefined)
          changed(change.disabled ? t.userDisabled(user.name) : t.userEnabled(user.name));
        else changed(change.admin ? t.userMadeAdmin(user.name) : t.userUnmadeAdmin(user.name));
      },
      (failure: unknown) => {
        setPending(null);
        setMessage('');
        setError(failure);
      },
    );
  }

  return (
    <>
      <Paragraph role="status" className="vb-message">
        {message}
      </Paragraph>
      {error !== null && <ErrorMessage error={error} />}
      <LoadedList request={usersRequest} items={users} empty={t.usersEmpty}>
        {(items) => (
          <DataTable
            caption={t.usersCaption}
            className="vb-users"
            columns={[t.colName, t.colEmail, t.colAdmin, t.colRoles, t.colStatus, t.colActions]}
            busy={usersRequest.state === 'loading'}
          >
            {items.map((user) => {
              const self = user.id === me.id;
              return (
                <TableRow key={user.id} className={user.disabled ? 'vb-row--inactive' : undefined}>
                  <TableHeaderCell scope="row" className="vb-table__row-header">
                    {user.name} {self && <span className="vb-meta">{t.you}</span>}
                  </TableHeaderCell>
                  <TableCell>{user.email}</TableCell>
                  <TableCell>{user.admin ? t.yes : t.no}</TableCell>
                  <TableCell>
                    {user.memberships.length === 0 ? (
                      t.none
                    ) : (
                      <ul className="vb-plain-list">
                        {user.memberships.map((m) => (
                          <li key={`${m.organisationId}:${m.role}`}>
                            {t.roleIn(t.roles[m.role] ?? m.role, m.organisation)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell>{user.disabled ? t.statusDisabled : t.statusActive}</TableCell>
                  <TableCell>
                    {!self && (
                      <ButtonGroup className="vb-row-actions">
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t.actionFor(user.disabled ? t.enable : t.disable, user.name)}
                          busy={pending === user.id}
                          onClick={() => pending === null && update(user, { disabled: !user.disabled })}
                        >
                          {user.disabled ? t.enable : t.disable}
                        </Button>
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t.actionFor(user.admin ? t.unmakeAdmin : t.makeAdmin, user.name)}
                          busy={pending === user.id}
                          onClick={() => pending === null && update(user, { admin: !user.admin })}
                        >
                          {user.admin ? t.unmakeAdmin : t.makeAdmin}
                        </Button>
                      </ButtonGroup>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </DataTable>
        )}
      </LoadedList>

      <section aria-labelledby="add-user" className="vb-section">
        <Heading2 id="add-user">{t.addUserTitle}</Heading2>
        {added && (
          <MadeNotice key={added.id} message={t.userAdded(added.name)}>
            {added.initialPassword && (
              <OnceSecret
                label={t.initialPasswordLabel}
                value={added.initialPassword}
                note={t.initialPasswordOnce}
              />
            )}
          </MadeNotice>
        )}
        <AddUser
          key={added?.id ?? 'new'}
          onAdded={(user) => {
            setAdded(user);
            changed('');
          }}
        />
      </section>

      <section aria-labelledby="give-role" className="vb-section">
        <Heading2 id="give-role">{t.addRoleTitle}</Heading2>
        <LoadedList
          request={organisationsRequest}
          items={organisationsRequest.state === 'done' && users !== null ? organisationsRequest.data : null}
          empty={
            <>
              {t.noOrganisationsYet}{' '}
              <RouterLink href="/beheer/organisaties">{t.addOrganisationTitle}</RouterLink>
            </>
          }
        >
          {(organisations) => (
            <GiveRole users={users ?? []} organisations={organisations} onGiven={changed} />
          )}
        </LoadedList>
      </section>
    </>
  );
}

function AddUser({ onAdded }: { onAdded: (user: NewUser) => void }) {
  const t = useMessages();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [admin, setAdmin] = useState(false);
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // the parent shows the new user and renews this form
    send(() => createUser({ name: name.trim(), email: email.trim(), admin }), onAdded);
  }

  return (
    <form className="vb-form vb-panel" onSubmit={submit} aria-labelledby="add-user">
      <Paragraph className="vb-measure">{t.addUserIntro}</Paragraph>
      {error !== null && <ErrorMessage error={error} />}
      <TextField
        label={t.fieldName}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        autoComplete="off"
      />
      <TextField
        label={t.fieldEmail}
        type="email"
        value={email}
        onChange={setEmail}
        required
        maxLength={254}
        autoComplete="off"
      />
      <CheckboxField label={t.fieldAdmin} description={t.adminHint} checked={admin} onChange={setAdmin} />
      <SubmitButton busy={busy}>{t.addButton}</SubmitButton>
    </form>
  );
}

function GiveRole({
  users,
  organisations,
  onGiven,
}: {
  users: User[];
  organisations: Organisation[];
  onGiven: (message: string) => void;
}) {
  const t = useMessages();
  const [userId, setUserId] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState('');
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const user = users.find((u) => String(u.id) === userId);
    if (!user || !organisation || !role) return;
    send(
      () => addMembership(user.id, { organisation, role: role as Role }),
      () => onGiven(t.roleGiven(user.name, t.roles[role] ?? role, organisation)),
    );
  }

  const choose = { value: '', label: t.choose };
  return (
    <form className="vb-form vb-panel" onSubmit={submit} aria-labelledby="give-role">
      {error !== null && <ErrorMessage error={error} />}
      <SelectField
        label={t.userLabel}
        value={userId}
        onChange={setUserId}
        required
        options={[choose, ...users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))]}
      />
      <SelectField
        label={t.organisationLabel}
        value={organisation}
        onChange={setOrganisation}
        required
        options={[
          choose,
          ...organisations.map((o) => ({
            value: o.name,
            label: `${o.name} (${(t.organisationKinds[o.kind] ?? o.kind).toLowerCase()})`,
          })),
        ]}
      />
      <SelectField
        label={t.roleLabel}
        value={role}
        onChange={setRole}
        required
        options={[choose, ...ROLES.map((r) => ({ value: r, label: t.roles[r] ?? r }))]}
      />
      <SubmitButton busy={busy}>{t.giveRole}</SubmitButton>
    </form>
  );
}
