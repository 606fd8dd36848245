import type { CourseView, SessionView } from "./course.views.tsx";
import type { CourseRow, SessionRow } from "./courses.repository.ts";

/** A session as the course page and the API show it; `now` decides whether it has started. */
export function toSessionView(s: SessionRow, now: string): SessionView {
  return {
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    place: s.place,
    capacity: s.capacity,
    enrolled: s.enrolled,
    waiting: s.waiting,
    myStatus: s.my_status === "enrolled" || s.my_status === "waiting" ? s.my_status : null,
    myWaitingPlace: s.my_waiting_place,
    started: s.starts_at <= now,
  };
}

export function toCourseView(c: CourseRow, completedOn: string | null): CourseView {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    description: c.description,
    format: c.format,
    audience: c.audience,
    organisation: c.organisation_name,
    published: c.is_published,
    completedOn,
  };
}

/** A session's time as form values: Copenhagen date and hh:mm. */
export function sessionFormValues(s: {
  starts_at: string;
  ends_at: string | null;
  place: string;
  capacity: number;
}) {
  const parts = (iso: string) => {
    const f = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Copenhagen",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(iso));
    const v = (type: string) => f.find((x) => x.type === type)?.value ?? "";
    return { date: `${v("year")}-${v("month")}-${v("day")}`, time: `${v("hour")}:${v("minute")}` };
  };
  const start = parts(s.starts_at);
  return {
    date: start.date,
    startTime: start.time,
    endTime: s.ends_at ? parts(s.ends_at).time : "",
    place: s.place,
    capacity: String(s.capacity),
  };
}
