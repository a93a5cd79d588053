// One question: /publicaties/{id}/vragen/{n}: the question and its answer, a link to it in the publication,
// and "Eerder gesteld": the most similar earlier questions, each with the opening of its answer.
import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { getQuestion, type SimilarQuestion } from '../api.js';
import {
  ErrorMessage,
  Highlighted,
  Loading,
  PageHeading,
  PlainText,
  publicationName,
  publicationUrl,
  resultUrl,
  useDocumentTitle,
  useRequest,
} from '../components.js';
import { formatDate, useLanguage, useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';

function Similar({ items }: { items: SimilarQuestion[] }) {
  const t = useMessages();
  const language = useLanguage();
  return (
    <section className="vb-section vb-similar" aria-labelledby="similar-heading">
      <Heading2 id="similar-heading">{t.askedBefore}</Heading2>
      {items.length === 0 ? (
        <Paragraph>{t.askedBeforeEmpty}</Paragraph>
      ) : (
        <>
          <Paragraph>{t.askedBeforeIntro}</Paragraph>
          <ol className="vb-results vb-similar__list">
            {items.map((item) => (
              <li key={`${item.publication.id}#${item.position}`} className="vb-result">
                <Heading3 className="vb-result__title">
                  <RouterLink href={resultUrl(item)}>
                    {item.question !== null && (
                      <span className="vb-result__number">{t.questionN(item.question)}: </span>
                    )}
                    <Highlighted snippet={item.snippets.question} />
                  </RouterLink>
                </Heading3>
                <Paragraph className="vb-meta">
                  {t.inPublication}{' '}
                  <RouterLink href={publicationUrl(item.publication.id)}>
                    {publicationName(item.publication, t)}
                  </RouterLink>
                  {item.publication.date ? ` · ${formatDate(item.publication.date, language)}` : ''}
                </Paragraph>
                {item.answerOpening && (
                  <Paragraph className="vb-result__answer">
                    <span className="vb-result__label">{t.answerOpening}: </span>
                    <span lang="nl">{item.answerOpening}</span>
                  </Paragraph>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function QuestionPage({ id, number }: { id: string; number: string }) {
  const t = useMessages();
  const language = useLanguage();
  const result = useRequest((signal) => getQuestion(id, number, signal), `${id}#${number}`);
  const data = result.state === 'done' ? result.data : null;
  const name = data ? publicationName(data.publication, t) : id;
  useDocumentTitle(t.questionTitle(number, name));
  return (
    <>
      <PageHeading>
        {t.questionN(number)}
        {data && (
          <>
            <span className="vb-visually-hidden">, </span>
            <span className="vb-heading-sub">{name}</span>
          </>
        )}
      </PageHeading>
      {result.state === 'loading' && <Loading />}
      {result.state === 'failed' && <ErrorMessage error={result.error} />}
      {data && (
        <>
          <Paragraph className="vb-meta">
            {[
              t.kinds[data.publication.kind],
              data.publication.chamber ? t.chambers[data.publication.chamber] : '',
              formatDate(data.publication.date, language),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Paragraph>
          <Paragraph>
            <RouterLink href={`${publicationUrl(id)}#vraag-${data.number}`}>{t.viewInPublication}</RouterLink>
          </Paragraph>
          <section className="vb-qa" aria-labelledby="question-heading" lang="nl">
            <Heading2 id="question-heading" lang={language}>
              {t.question}
            </Heading2>
            <div className="vb-qa__text">
              <PlainText text={data.question} />
            </div>
            <Heading2 id="answer-heading" lang={language}>
              {t.answer}
            </Heading2>
            <div className="vb-qa__text">
              {data.answer ? (
                <PlainText text={data.answer} />
              ) : (
                <Paragraph lang={language}>{t.noAnswer}</Paragraph>
              )}
            </div>
          </section>
          <Similar items={data.similar} />
        </>
      )}
    </>
  );
}
