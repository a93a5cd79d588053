// The work pages (the workflow: the desk, question lists, the answer editor, notifications): one chunk,
// loaded when one of them is first visited (App.tsx), so that visitors do not download them.
export { AnswerPage } from './AnswerPage.js';
export { ListPage } from './ListPage.js';
export { NewListPage } from './NewListPage.js';
export { NotificationsPage } from './NotificationsPage.js';
export { WorkPage } from './WorkPage.js';
