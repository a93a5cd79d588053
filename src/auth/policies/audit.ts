// The audit log is for administrators.
import { administrator } from './policy.js';

export const auditPolicy = { read: administrator };
