import { auditLog } from '@/db/schema/audit';
import type { DbOrTx } from '@/lib/platform/db';

export type AuditInput = {
  action: string;
  actorId?: string | null;
  subjectType?: string;
  subjectId?: string;
  ip?: string | null;
  userAgent?: string | null;
  data?: Record<string, unknown>;
};

/** Appends one entry to the audit log (pass the transaction of the change it records). */
export async function recordAudit(db: DbOrTx, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip?.slice(0, 64) ?? null,
    userAgent: entry.userAgent?.slice(0, 400) ?? null,
    data: entry.data ?? {},
  });
}
