import type { Executor } from "../../../platform/audit.ts";
import { languages, translator } from "../../../platform/i18n/index.ts";

/**
 * "Eventuelt" (any other business) is always the last item of a department meeting's agenda: an
 * item added later — a resident's proposal put on the agenda, or one staff add — goes just before
 * it, and no item moves below it. The item is known by its title, as the standard agenda writes it
 * in either language (and the common short form "Evt."), so agendas typed by hand count too.
 */

const normalise = (title: string) =>
  title.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");

const closingTitles = new Set(
  [...languages.map((lang) => String(translator(lang)("meetings.standard_agenda.other"))), "Evt.", "Evt"].map(
    normalise,
  ),
);

/** Whether an agenda item is "Eventuelt" / "Any other business". */
export const isClosingItem = (title: string): boolean => closingTitles.has(normalise(title));

/**
 * Where a new item goes in an agenda (in order): before its "Eventuelt", else at the end. Returns the
 * index in the list the item is to take.
 */
export function insertionIndex(items: readonly { title: string }[]): number {
  const closing = items.findIndex((i) => isClosingItem(i.title));
  return closing < 0 ? items.length : closing;
}

/**
 * Whether an item may swap places with its neighbour: "Eventuelt" stays where it is, and nothing
 * moves past it.
 */
export const maySwap = (item: { title: string }, neighbour: { title: string }): boolean =>
  !isClosingItem(item.title) && !isClosingItem(neighbour.title);

/** The agenda in its order (position, then age): ids and titles. */
export async function agendaOrder(db: Executor, meetingId: string) {
  return db
    .selectFrom("meeting_agenda_items")
    .select(["id", "title", "position"])
    .where("meeting_id", "=", meetingId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

/** Numbers the items 1, 2, 3 … in the given order, writing only the positions that change. */
export async function renumber(db: Executor, items: readonly { id: string; position: number }[]) {
  for (const [k, item] of items.entries()) {
    if (item.position === k + 1) continue;
    await db
      .updateTable("meeting_agenda_items")
      .set({ position: k + 1 })
      .where("id", "=", item.id)
      .execute();
  }
}
