import type { ProgressRow } from "./onboarding.repository.ts";
import type { ChecklistWithItems } from "./onboarding.service.ts";
import type { ChecklistView, ProgressView } from "./onboarding.views.tsx";

/** "101 Æblehaven", or the organisation board's label when there is no department. */
export const departmentLabel = (
  d: { department_number: number | null; department_name: string | null },
  organisationBoard: string,
): string =>
  d.department_number === null ? organisationBoard : `${d.department_number} ${d.department_name}`;

/** A checklist and its items as pages and the API show them; overdue is counted on `today`. */
export function toChecklistView(
  c: ChecklistWithItems,
  today: string,
  organisationBoard: string,
): ChecklistView {
  return {
    id: c.checklist.id,
    programme: c.checklist.programme_title,
    person: c.checklist.person_name,
    department: departmentLabel(c.checklist, organisationBoard),
    electedOn: c.checklist.elected_on,
    done: c.items.filter((i) => i.done_at).length,
    items: c.items.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      link: i.link_url,
      course:
        i.course_id && i.course_title
          ? { id: i.course_id, title: i.course_title, completed: !!i.has_completed_course }
          : null,
      dueOn: i.due_on,
      doneAt: i.done_at,
      overdue: !i.done_at && i.due_on < today,
    })),
  };
}

export function toProgressView(r: ProgressRow, organisationBoard: string): ProgressView {
  return {
    checklistId: r.checklist_id,
    person: r.person_name,
    department: departmentLabel(r, organisationBoard),
    electedOn: r.elected_on,
    steps: r.steps,
    done: r.done,
    overdue: r.overdue,
    nextDueOn: r.next_due_on,
  };
}
