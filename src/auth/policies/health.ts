// Liveness, readiness and the API description: open to all (they show nothing of the archive).
import { everyone } from './policy.js';

export const healthPolicy = { read: everyone };
export const apiDocsPolicy = { read: everyone };
