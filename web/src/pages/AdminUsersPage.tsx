// Users, for administrators: /beheer/gebruikers. The list with roles and whether each is disabled;
// disabling and enabling, making and unmaking administrators; adding a user (the one-time password is
// shown once); giving a user a role in an organisation.
import {
  Alert,
  Button,
  ButtonGroup,
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
import {
  ErrorMessage,
  Loading,
  PageHeading,
  useDocumentTitle,
  useLastData,
  useRequest,
} from '../components.js';
import { TextField } from '../fields.js';
import { CheckboxField, OnceSecret, Restricted, SelectField, TableScroll } from '../forms.js';
import { useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';

const ROLES: Role[] = ['clerk', 'coordinator', 'drafter', 'approver'];

export function AdminUsersPage() {
  const t = useMessages();
  useDocumentTitle(t.usersTitle);
  return (
    <>
      <PageHeading>{t.usersTitle}</PageHeading>
      <Restricted admin>{(me) => <Users me={me} />}</Restricted>
    </>
  );
}

function Users({ me }: { me: User }) {
  const t = useMessages();
  const [version, setVersion] = useState(0);
  const usersRequest = useRequest((signal) => listUsers(signal), `users:${version}`);
  const organisationsRequest = useRequest((signal) => listOrganisations(signal), 'organisations');
  const users = useLastData(usersRequest);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [added, setAdded] = useState<NewUser | null>(null);
  const addedBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (added) addedBox.current?.focus();
  }, [added]);

  function changed(text: string) {
    setMessage(text);
    setError(null);
    setVersion((v) => v + 1);
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
      {usersRequest.state === 'failed' && <ErrorMessage error={usersRequest.error} />}
      {users === null && usersRequest.state === 'loading' && <Loading />}
      {users !== null &&
        (users.length === 0 ? (
          <Paragraph>{t.usersEmpty}</Paragraph>
        ) : (
          <TableScroll label={t.usersCaption}>
            <Table className="vb-table vb-users" busy={usersRequest.state === 'loading'}>
              <TableCaption>{t.usersCaption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.colName}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colEmail}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colAdmin}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colRoles}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colStatus}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colActions}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.map((user) => {
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
              </TableBody>
            </Table>
          </TableScroll>
        ))}

      <section aria-labelledby="add-user" className="vb-section">
        <Heading2 id="add-user">{t.addUserTitle}</Heading2>
        {added && (
          <div ref={addedBox} tabIndex={-1} className="vb-focus-target vb-once">
            <Alert type="ok" className="vb-alert">
              <Paragraph>{t.userAdded(added.name)}</Paragraph>
              {added.initialPassword && (
                <OnceSecret
                  label={t.initialPasswordLabel}
                  value={added.initialPassword}
                  note={t.initialPasswordOnce}
                />
              )}
            </Alert>
          </div>
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
        {organisationsRequest.state === 'loading' && <Loading />}
        {organisationsRequest.state === 'failed' && <ErrorMessage error={organisationsRequest.error} />}
        {organisationsRequest.state === 'done' &&
          users !== null &&
          (organisationsRequest.data.length === 0 ? (
            <Paragraph>
              {t.noOrganisationsYet}{' '}
              <RouterLink href="/beheer/organisaties">{t.addOrganisationTitle}</RouterLink>
            </Paragraph>
          ) : (
            <GiveRole users={users} organisations={organisationsRequest.data} onGiven={changed} />
          ))}
      </section>
    </>
  );
}

function AddUser({ onAdded }: { onAdded: (user: NewUser) => void }) {
  const t = useMessages();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [admin, setAdmin] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    createUser({ name: name.trim(), email: email.trim(), admin }).then(
      (user) => {
        // the parent shows the new user and renews this form
        onAdded(user);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
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
      <div className="vb-form__actions">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t.addButton}
        </Button>
      </div>
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const user = users.find((u) => String(u.id) === userId);
    if (!user || !organisation || !role) return;
    setBusy(true);
    setError(null);
    addMembership(user.id, { organisation, role: role as Role }).then(
      () => {
        setBusy(false);
        onGiven(t.roleGiven(user.name, t.roles[role] ?? role, organisation));
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
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
      <div className="vb-form__actions">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t.giveRole}
        </Button>
      </div>
    </form>
  );
}
