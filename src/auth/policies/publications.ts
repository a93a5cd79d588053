// Publications, their questions and search. Reading is open to all: what is not yet published is
// filtered out of the data for whoever may not see it (the embargo), not refused by the route, so
// that a guessed id answers 404 whether or not it exists.
import { everyone } from './policy.js';

export const publicationPolicy = { list: everyone, read: everyone, search: everyone };
