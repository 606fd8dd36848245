import type { LetterRow } from "./letters.repository.ts";
import type { StaffLetterView } from "./views/letter.views.tsx";
import type { LetterListItem } from "./views/outbox.views.tsx";

/** Letter rows as the pages show them (views never see database rows). */
export function toLetterListItem(r: NonNullable<LetterRow>): LetterListItem {
  return {
    id: r.id,
    recipientName: r.recipient_name,
    subject: r.subject,
    type: r.letter_type,
    channel: r.channel,
    rule: r.channel_rule,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    dueAt: r.due_at,
  };
}

export function toStaffLetterView(r: NonNullable<LetterRow>): StaffLetterView {
  return {
    ...toLetterListItem(r),
    reference: r.reference,
    body: r.body,
    addressLines: r.recipient_address_json,
    email: r.recipient_email,
    language: r.language,
    documentDate: r.document_date,
    templateVersion: r.template_version,
    batchId: r.batch_id,
    delivery: r.delivery,
  };
}

/** What the API returns for a letter: everything but the PDF, which has its own address. */
export function toLetterJson(r: NonNullable<LetterRow>) {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    departmentId: r.department_id,
    batchId: r.batch_id,
    type: r.letter_type,
    reference: r.reference,
    recipient: {
      personId: r.recipient_person_id,
      name: r.recipient_name,
      addressLines: r.recipient_address_json,
    },
    email: r.recipient_email,
    language: r.language,
    date: r.document_date,
    subject: r.subject,
    body: r.body,
    template: { id: r.template_id, version: r.template_version },
    channel: r.channel,
    channelRule: r.channel_rule,
    delivery: r.delivery,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.status === "sent" ? null : r.due_at,
    printBatchId: r.print_batch_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
