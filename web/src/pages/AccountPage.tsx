// My account: /account. Who I am, my roles per organisation, which notifications reach me how (#meldingen:
// per kind by e-mail at once, in the daily digest or not, and in the app or not), and my API tokens: the
// list, a new one (its secret shown once) and revoking one (after a confirmation).
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  TableCell,
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
import { ErrorMessage, Facts, LoadedList, Loading, useReloadable, useRequest } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import {
  CheckboxField,
  DataTable,
  MadeNotice,
  OnceSecret,
  RadioField,
  RestrictedPage,
  useSubmission,
} from '../forms.js';
import { formatDay, useLanguage, useMessages } from '../i18n.js';
import {
  getNotificationPreferences,
  type MailMode,
  type NotificationPreference,
  type NotificationPreferences,
  setNotificationPreference,
} from '../notifications.js';
import { RouterLink } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';

const SCOPES: Scope[] = ['read', 'import', 'workflow', 'admin'];
const MAIL_MODES: MailMode[] = ['immediate', 'daily', 'off'];

export function AccountPage() {
  const t = useMessages();
  return (
    <RestrictedPage title={t.accountTitle}>{(user) => <Account key={user.id} user={user} />}</RestrictedPage>
  );
}

function Account({ user }: { user: User }) {
  const t = useMessages();
  return (
    <>
      <section aria-labelledby="account-details" className="vb-section">
        <Heading2 id="account-details">{t.accountDetails}</Heading2>
        <Facts
          items={[
            { label: t.fieldName, value: user.name },
            { label: t.fieldEmail, value: user.email },
            { label: t.fieldAdmin, value: user.admin ? t.yes : t.no },
          ]}
        />
      </section>
      <section aria-labelledby="account-roles" className="vb-section">
        <Heading2 id="account-roles">{t.rolesTitle}</Heading2>
        {user.memberships.length === 0 ? (
          <Paragraph>{t.noRoles}</Paragraph>
        ) : (
          <DataTable caption={t.rolesCaption} captionHidden columns={[t.colOrganisation, t.colRole]}>
            {user.memberships.map((m) => (
              <TableRow key={`${m.organisationId}:${m.role}`}>
                <TableCell>{m.organisation}</TableCell>
                <TableCell>{t.roles[m.role] ?? m.role}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </section>
      <NotificationSettings user={user} />
      <Tokens user={user} />
    </>
  );
}

/** #meldingen, where a mail's footer sends people: per kind, by e-mail how and in the app or not. */
function NotificationSettings({ user }: { user: User }) {
  const w = useWorkMessages();
  const preferences = useRequest((signal) => getNotificationPreferences(signal), `preferences:${user.id}`);
  // Opened at #meldingen (from the notifications page or a mail): the section is scrolled to once loaded.
  useEffect(() => {
    if (preferences.state === 'done' && window.location.hash === '#meldingen') {
      document.getElementById('meldingen')?.scrollIntoView();
    }
  }, [preferences.state]);
  return (
    <section id="meldingen" aria-labelledby="account-notifications" className="vb-section">
      <Heading2 id="account-notifications">{w.preferencesTitle}</Heading2>
      <Paragraph className="vb-measure">{w.preferencesIntro}</Paragraph>
      <Paragraph>
        <RouterLink href="/werk/meldingen">{w.viewNotifications}</RouterLink>
      </Paragraph>
      {preferences.state === 'loading' && <Loading />}
      {preferences.state === 'failed' && <ErrorMessage error={preferences.error} />}
      {preferences.state === 'done' && <PreferencesForm initial={preferences.data} />}
    </section>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const w = useWorkMessages();
  const language = useLanguage();
  /** As the server has them, to send only what changed. */
  const [stored, setStored] = useState(initial.items);
  const [choices, setChoices] = useState(initial.items);
  const [message, setMessage] = useState('');
  const messageBox = useRef<HTMLParagraphElement>(null);
  const { busy, error, send } = useSubmission();

  function choose(kind: NotificationPreference['kind'], change: Partial<NotificationPreference>) {
    setChoices((current) => current.map((c) => (c.kind === kind ? { ...c, ...change } : c)));
    setMessage('');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changed = choices.filter((c) => {
      const before = stored.find((s) => s.kind === c.kind);
      return before?.email !== c.email || before?.inApp !== c.inApp;
    });
    if (changed.length === 0) {
      setMessage(w.preferencesUnchanged);
      messageBox.current?.focus();
      return;
    }
    send(
      () =>
        Promise.all(
          changed.map((c) => setNotificationPreference(c.kind, { email: c.email, inApp: c.inApp })),
        ),
      (saved) => {
        const merge = (list: NotificationPreference[]) =>
          list.map((c) => saved.find((s) => s.kind === c.kind) ?? c);
        setStored(merge);
        setChoices(merge);
        setMessage(w.preferencesSaved);
        messageBox.current?.focus();
      },
    );
  }

  return (
    <form className="vb-form vb-form--wide" onSubmit={submit} aria-labelledby="account-notifications">
      {!initial.mail && (
        <Alert type="info" className="vb-alert">
          <Paragraph>{w.noMail}</Paragraph>
        </Alert>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {choices.map((c) => {
        const about = w.kindAbout[c.kind];
        return (
          <Fieldset
            key={c.kind}
            className="vb-fieldset vb-preference"
            aria-describedby={`preference-${c.kind}-about`}
          >
            <FieldsetLegend className="vb-fieldset__legend">{c.label[language]}</FieldsetLegend>
            <Paragraph id={`preference-${c.kind}-about`} className="vb-meta" lang={about ? undefined : 'nl'}>
              {about ?? c.about}
            </Paragraph>
            <div className="vb-preference__choices">
              <Fieldset className="vb-fieldset vb-preference__mail">
                <FieldsetLegend className="vb-preference__legend">{w.mailLegend}</FieldsetLegend>
                <div className="vb-preference__modes">
                  {MAIL_MODES.map((mode) => (
                    <RadioField
                      key={mode}
                      label={w.mailModes[mode] ?? mode}
                      name={`email-${c.kind}`}
                      value={mode}
                      checked={c.email === mode}
                      onChange={() => choose(c.kind, { email: mode })}
                    />
                  ))}
                </div>
              </Fieldset>
              <CheckboxField
                label={w.inAppLabel}
                checked={c.inApp}
                onChange={(checked) => choose(c.kind, { inApp: checked })}
              />
            </div>
          </Fieldset>
        );
      })}
      <p
        ref={messageBox}
        tabIndex={-1}
        role="status"
        className="utrecht-paragraph vb-message vb-focus-target"
      >
        {message}
      </p>
      <SubmitButton busy={busy}>{w.savePreferences}</SubmitButton>
    </form>
  );
}

function Tokens({ user }: { user: User }) {
  const t = useMessages();
  const language = useLanguage();
  const {
    request: tokens,
    data: list,
    reload,
  } = useReloadable((signal) => listTokens(signal), `tokens:${user.id}`);
  const [made, setMade] = useState<NewApiToken | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const messageBox = useRef<HTMLParagraphElement>(null);

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
        reload();
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
      <LoadedList request={tokens} items={list} empty={t.tokensEmpty}>
        {(items) => (
          <DataTable
            caption={t.tokensCaption}
            columns={[t.colName, t.colScopes, t.colCreated, t.colExpires, t.colRevoked, t.colActions]}
            busy={tokens.state === 'loading'}
          >
            {items.map((token) => {
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
          </DataTable>
        )}
      </LoadedList>
      {made && (
        <MadeNotice key={made.id} message={t.tokenMade(made.name)}>
          <OnceSecret label={t.tokenSecretLabel} value={made.token} note={t.tokenShownOnce} />
        </MadeNotice>
      )}
      <NewToken
        key={made?.id ?? 'new'}
        user={user}
        onMade={(token) => {
          setMade(token);
          setMessage('');
          reload();
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
  const { busy, error, setError, send } = useSubmission();
  const allowed = SCOPES.filter((scope) => scope !== 'admin' || user.admin);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (scopes.length === 0) {
      setError(new Error(t.scopesRequired));
      return;
    }
    const n = Number.parseInt(days, 10);
    send(
      () =>
        createToken({
          name: name.trim(),
          scopes: SCOPES.filter((s) => scopes.includes(s)),
          ...(Number.isFinite(n) ? { days: n } : {}),
        }),
      onMade,
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
      <SubmitButton busy={busy}>{t.makeToken}</SubmitButton>
    </form>
  );
}
