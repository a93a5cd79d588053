// People and organisations are administered by administrators; a signed-in user may list organisations.
import { administrator, signedIn } from './policy.js';

export const userPolicy = { list: administrator, create: administrator, update: administrator };
export const organisationPolicy = { list: signedIn, create: administrator };
