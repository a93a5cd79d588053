// Sign in: /inloggen?terug=/importeren. E-mail address and password; after signing in, back to where the
// user came from (a path within the app only). A wrong password or too many tries is said plainly.
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, signIn } from '../api.js';
import { safeReturnPath, ssoOffered, useAuth } from '../auth.js';
import { errorText, Loading, PageHeading, useDocumentTitle } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import { type Messages, useMessages } from '../i18n.js';
import { navigate, RouterLink } from '../router.js';

function failureText(error: unknown, t: Messages): { text: string; fromServer: boolean } {
  if (error instanceof ApiError) {
    if (error.status === 401) return { text: t.wrongCredentials, fromServer: false };
    if (error.status === 429) {
      const minutes = error.retryAfter === null ? null : Math.max(1, Math.ceil(error.retryAfter / 60));
      return { text: t.throttled(minutes), fromServer: false };
    }
    return { text: errorText(error, t), fromServer: error.detail !== null && error.status !== 403 };
  }
  return { text: errorText(error, t), fromServer: false };
}

export function LoginPage({ search }: { search: string }) {
  const t = useMessages();
  useDocumentTitle(t.signInTitle);
  const auth = useAuth();
  const params = new URLSearchParams(search);
  const back = safeReturnPath(params.get('terug'));
  const ssoFailed = params.get('fout') === 'sso';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const signingIn = useRef(false);

  useEffect(() => {
    if (error !== null) errorBox.current?.focus();
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    signingIn.current = true;
    signIn(email.trim(), password).then(
      () => {
        // back where the user came from; the sign-in page is left out of the history
        navigate(back, { replace: true });
      },
      (failure: unknown) => {
        signingIn.current = false;
        setBusy(false);
        setPassword('');
        setError(failure);
      },
    );
  }

  // Signed in already (and not by this form, which is leaving): say so, and offer to go on.
  const signedIn = auth.status === 'user' && !signingIn.current;
  const failure = error === null ? null : failureText(error, t);
  return (
    <>
      <PageHeading>{t.signInTitle}</PageHeading>
      {auth.status === 'loading' && <Loading />}
      {signedIn && (
        <Alert type="ok" className="vb-alert">
          <Paragraph>{t.alreadySignedIn(auth.user.name)}</Paragraph>
          <Paragraph>
            <RouterLink href={back}>{t.continueLink}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      {auth.status === 'visitor' && (
        <>
          {auth.ended && (
            <Alert type="warning" className="vb-alert">
              <Paragraph>{t.sessionEnded}</Paragraph>
            </Alert>
          )}
          <Paragraph>{t.signInIntro}</Paragraph>
          {ssoFailed && (
            <Alert type="error" className="vb-alert">
              <Paragraph>{t.ssoFailed}</Paragraph>
            </Alert>
          )}
          {ssoOffered() && (
            <Paragraph>
              {/* A plain link: the sign-in leaves for the provider and comes back (CSP form-action). */}
              <a className="utrecht-link" href={`/api/v1/sessions/oidc?terug=${encodeURIComponent(back)}`}>
                {t.ssoLink}
              </a>
            </Paragraph>
          )}
          {failure && (
            <div ref={errorBox} tabIndex={-1} className="vb-focus-target">
              <Alert type="error" className="vb-alert">
                <Paragraph>
                  <strong>{t.signInFailed}</strong>
                </Paragraph>
                <Paragraph lang={failure.fromServer ? 'en' : undefined}>{failure.text}</Paragraph>
              </Alert>
            </div>
          )}
          <form className="vb-form vb-login-form" onSubmit={submit}>
            <TextField
              label={t.emailLabel}
              type="email"
              value={email}
              onChange={setEmail}
              autoComplete="username"
              required
              maxLength={254}
            />
            <TextField
              label={t.passwordLabel}
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              required
              maxLength={1024}
            />
            <SubmitButton busy={busy}>{busy ? t.signingIn : t.signInButton}</SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
