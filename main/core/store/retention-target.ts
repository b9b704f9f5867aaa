/**
 * Another module's rows under a retention window (transcripts, escalation packets, vault...). Owners
 * register them so the purge job and erasure reach them; they own their SQL. It lives with the store, not
 * with retention, so that modules below retention (privacy) can describe their tables without a cycle.
 */
export interface RetentionTarget {
  /** Policy data class or table family name, used in reports (no PII). */
  readonly name: string;
  /** Deletes rows past their window; returns how many. */
  purgeExpired(now: number): number;
  /** Deletes every row of one subject (erasure); returns how many. */
  eraseSubject?(subjectId: string): number;
}
