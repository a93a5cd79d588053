// My account: /account. Who I am, my roles per organisation, and my API tokens: the list, a new one (its
// secret shown once) and revoking one (after a confirmation).
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
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
  type ApiToken,
  createToken,
  listTokens,
  type NewApiToken,
  revokeToken,
  type Scope,
  type User,
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
import { CheckboxField, OnceSecret, Restricted, TableScroll } from '../forms.js';
import { formatDay, useLanguage, useMessages } from '../i18n.js';

const SCOPES: Scope[] = ['read', 'import', 'admin'];

export function AccountPage() {
  const t = useMessages();
  useDocumentTitle(t.accountTitle);
  return (
    <>
      <PageHeading>{t.accountTitle}</PageHeading>
      <Restricted>{(user) => <Account key={user.id} user={user} />}</Restricted>
    </>
  );
}

function Account({ user }: { user: User }) {
  const t = useMessages();
  return (
    <>
      <section aria-labelledby="account-details" className="vb-section">
        <Heading2 id="account-details">{t.accountDetails}</Heading2>
        <DataList className="vb-import-data">
          <DataListItem>
            <DataListKey>{t.fieldName}</DataListKey>
            <DataListValue>{user.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t.fieldEmail}</DataListKey>
            <DataListValue>{user.email}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t.fieldAdmin}</DataListKey>
            <DataListValue>{user.admin ? t.yes : t.no}</DataListValue>
          </DataListItem>
        </DataList>
      </section>
      <section aria-labelledby="account-roles" className="vb-section">
        <Heading2 id="account-roles">{t.rolesTitle}</Heading2>
        {user.memberships.length === 0 ? (
          <Paragraph>{t.noRoles}</Paragraph>
        ) : (
          <TableScroll label={t.rolesCaption}>
            <Table className="vb-table">
              <TableCaption className="vb-visually-hidden">{t.rolesCaption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.colOrganisation}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colRole}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {user.memberships.map((m) => (
                  <TableRow key={`${m.organisationId}:${m.role}`}>
                    <TableCell>{m.organisation}</TableCell>
                    <TableCell>{t.roles[m.role] ?? m.role}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        )}
      </section>
      <Tokens user={user} />
    </>
  );
}

function Tokens({ user }: { user: User }) {
  const t = useMessages();
  const language = useLanguage();
  const [version, setVersion] = useState(0);
  const tokens = useRequest((signal) => listTokens(signal), `tokens:${user.id}:${version}`);
  // The last list, kept while it reloads, so the table does not blink away after a change.
  const list = useLastData(tokens);
  const [made, setMade] = useState<NewApiToken | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const madeBox = useRef<HTMLDivElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const messageBox = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (made) madeBox.current?.focus();
  }, [made]);
  useEffect(() => {
    if (confirming !== null) confirmButton.current?.focus();
  }, [confirming]);

  function revoke(token: ApiToken) {
    setRevoking(true);
    setRevokeError(null);
    revokeToken(token.id).then(
      () => {
        setRevoking(false);
        setConfirming(null);
        setMessage(t.tokenRevoked(token.name));
        setVersion((v) => v + 1);
        messageBox.current?.focus();
      },
      (error: unknown) => {
        setRevoking(false);
        setRevokeError(error);
      },
    );
  }

  const now = Date.now();
  return (
    <section aria-labelledby="account-tokens" className="vb-section">
      <Heading2 id="account-tokens">{t.tokensTitle}</Heading2>
      <Paragraph className="vb-measure">{t.tokensIntro}</Paragraph>
      <p
        ref={messageBox}
        tabIndex={-1}
        role="status"
        className="utrecht-paragraph vb-message vb-focus-target"
      >
        {message}
      </p>
      {tokens.state === 'failed' && <ErrorMessage error={tokens.error} />}
      {list === null && tokens.state === 'loading' && <Loading />}
      {list !== null &&
        (list.length === 0 ? (
          <Paragraph>{t.tokensEmpty}</Paragraph>
        ) : (
          <TableScroll label={t.tokensCaption}>
            <Table className="vb-table" busy={tokens.state === 'loading'}>
              <TableCaption>{t.tokensCaption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t.colName}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colScopes}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colCreated}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colExpires}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colRevoked}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.colActions}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((token) => {
                  const expired = Date.parse(token.expiresAt) <= now;
                  const active = token.revokedAt === null && !expired;
                  return (
                    <TableRow key={token.id} className={active ? undefined : 'vb-row--inactive'}>
                      <TableHeaderCell scope="row" className="vb-table__row-header">
                        {token.name}
                      </TableHeaderCell>
                      <TableCell>{token.scopes.map((s) => t.scopes[s] ?? s).join(', ')}</TableCell>
                      <TableCell>
                        <time dateTime={token.createdAt}>{formatDay(token.createdAt, language)}</time>
                      </TableCell>
                      <TableCell>
                        <time dateTime={token.expiresAt}>{formatDay(token.expiresAt, language)}</time>
                        {expired && ` (${t.expired})`}
                      </TableCell>
                      <TableCell>
                        {token.revokedAt ? (
                          <time dateTime={token.revokedAt}>{formatDay(token.revokedAt, language)}</time>
                        ) : (
                          t.notRevoked
                        )}
                      </TableCell>
                      <TableCell>
                        {active &&
                          (confirming === token.id ? (
                            <div className="vb-confirm">
                              <Paragraph id={`revoke-${token.id}`}>{t.confirmRevoke(token.name)}</Paragraph>
                              {revokeError !== null && <ErrorMessage error={revokeError} />}
                              <ButtonGroup>
                                <Button
                                  ref={confirmButton}
                                  appearance="primary-action-button"
                                  hint="danger"
                                  busy={revoking}
                                  aria-describedby={`revoke-${token.id}`}
                                  onClick={() => revoke(token)}
                                >
                                  {t.confirmRevokeYes}
                                </Button>
                                <Button
                                  appearance="secondary-action-button"
                                  onClick={() => {
                                    setConfirming(null);
                                    setRevokeError(null);
                                  }}
                                >
                                  {t.cancel}
                                </Button>
                              </ButtonGroup>
                            </div>
                          ) : (
                            <Button
                              appearance="secondary-action-button"
                              aria-label={t.revokeToken(token.name)}
                              onClick={() => {
                                setConfirming(token.id);
                                setRevokeError(null);
                              }}
                            >
                              {t.revoke}
                            </Button>
                          ))}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableScroll>
        ))}
      {made && (
        <div ref={madeBox} tabIndex={-1} className="vb-focus-target vb-once">
          <Alert type="ok" className="vb-alert">
            <Paragraph>{t.tokenMade(made.name)}</Paragraph>
            <OnceSecret label={t.tokenSecretLabel} value={made.token} note={t.tokenShownOnce} />
          </Alert>
        </div>
      )}
      <NewToken
        key={made?.id ?? 'new'}
        user={user}
        onMade={(token) => {
          setMade(token);
          setMessage('');
          setVersion((v) => v + 1);
        }}
      />
    </section>
  );
}

function NewToken({ user, onMade }: { user: User; onMade: (token: NewApiToken) => void }) {
  const t = useMessages();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const allowed = SCOPES.filter((scope) => scope !== 'admin' || user.admin);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (scopes.length === 0) {
      setError(new Error(t.scopesRequired));
      return;
    }
    const n = Number.parseInt(days, 10);
    setBusy(true);
    setError(null);
    createToken({
      name: name.trim(),
      scopes: SCOPES.filter((s) => scopes.includes(s)),
      ...(Number.isFinite(n) ? { days: n } : {}),
    }).then(
      (token) => {
        onMade(token);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  }

  return (
    <form className="vb-form vb-panel" onSubmit={submit} aria-labelledby="new-token">
      <h3 id="new-token" className="utrecht-heading-3">
        {t.newTokenTitle}
      </h3>
      {error !== null && <ErrorMessage error={error} />}
      <TextField
        label={t.colName}
        description={t.tokenNameHint}
        value={name}
        onChange={setName}
        required
        maxLength={100}
        autoComplete="off"
      />
      <Fieldset className="vb-fieldset">
        <FieldsetLegend className="vb-fieldset__legend">{t.scopesLegend}</FieldsetLegend>
        {allowed.map((scope) => (
          <CheckboxField
            key={scope}
            label={t.scopes[scope] ?? scope}
            description={t.scopeHints[scope]}
            checked={scopes.includes(scope)}
            onChange={(checked) =>
              setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)))
            }
          />
        ))}
      </Fieldset>
      <TextField
        label={t.daysLabel}
        description={t.daysHint}
        type="number"
        value={days}
        onChange={setDays}
        required
        min={1}
        max={366}
      />
      <div className="vb-form__actions">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t.makeToken}
        </Button>
      </div>
    </form>
  );
}
