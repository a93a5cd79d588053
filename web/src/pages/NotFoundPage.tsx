// Any path the app does not know.
import { Paragraph } from '@utrecht/component-library-react';
import { PageHeading, useDocumentTitle } from '../components.js';
import { useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';

export function NotFoundPage() {
  const t = useMessages();
  useDocumentTitle(t.notFoundTitle);
  return (
    <>
      <PageHeading>{t.notFoundTitle}</PageHeading>
      <Paragraph>{t.notFoundText}</Paragraph>
      <Paragraph>
        <RouterLink href="/">{t.backHome}</RouterLink>
      </Paragraph>
    </>
  );
}
