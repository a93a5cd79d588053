// The audit tables as TypeScript types, for Kysely; mirrors the migrations (004-audit).

export interface AuditLogTable {
  /** 1, 2, 3 … without gaps; the appender sets it (the last entry's plus one), never the database. */
  seq: number;
  at: string;
  actor: string;
  actor_name: string | null;
  action: string;
  subject: string | null;
  /** Canonical JSON. */
  details: string;
  address: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
