// The part of a Publication that the fixture expectations (test/fixtures/text/*.expected.json) pin down.
import type { Publication } from '../../src/model/publication.js';

export function expectationOf(pub: Publication) {
  return {
    id: pub.id,
    kind: pub.kind,
    chamber: pub.chamber,
    session: pub.session,
    dossiers: pub.dossiers,
    number: pub.number,
    documentType: pub.documentType,
    committee: pub.request.committee,
    addressees: pub.request.addressees,
    askers: pub.request.askers,
    answeredBy: pub.request.answeredBy,
    documents: pub.request.documents,
    dates: pub.dates,
    signatories: pub.signatories,
    complete: pub.complete,
    sections: pub.sections.map((s) => ({
      title: s.title,
      party: s.party,
      noQuestions: s.noQuestions,
      questions: s.questions.map((q) => ({
        number: q.number,
        question: q.question,
        answer: q.answer,
        incomplete: q.incomplete,
      })),
    })),
    footnotes: pub.footnotes,
  };
}
