// The pages for signed-in users (my account, the administration): one chunk, loaded when one of them is
// first visited (App.tsx), so that visitors do not download them.
export { AccountPage } from './AccountPage.js';
export { AdminAuditPage } from './AdminAuditPage.js';
export { AdminOrganisationsPage } from './AdminOrganisationsPage.js';
export { AdminUsersPage } from './AdminUsersPage.js';
