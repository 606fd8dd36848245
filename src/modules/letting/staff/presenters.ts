import type { TFunction } from "i18next";
import type { Lang } from "../../../platform/i18n/index.ts";
import { explainDecision, type StoredDecision } from "../offers/explain.ts";
import { oneLine } from "./vacancies.repository.ts";
import type { VacancyView } from "./vacancies.views.tsx";
import type { roundsOf } from "./vacancy-pages.repository.ts";

type Rounds = Awaited<ReturnType<typeof roundsOf>>;

export function toVacancyView(v: {
  id: string;
  street: string;
  house_number: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
  department_number: number;
  department_name: string;
  free_from: string;
  rent_ore: number;
  status: string;
  source: string;
  rooms: number;
  let_via: string | null;
}): VacancyView {
  return {
    id: v.id,
    address: oneLine(v),
    department: `${v.department_number} ${v.department_name}`,
    freeFrom: v.free_from,
    rentOre: v.rent_ore,
    status: v.status,
    source: v.source,
    rooms: v.rooms,
    letVia: v.let_via,
  };
}

/** Every round's whole ranking, readable: steps, each ranked applicant's line and offer, each exclusion. */
export function toRoundViews(
  t: TFunction,
  lang: Lang,
  { rounds, offers }: Rounds,
  names: Map<string, string>,
) {
  return rounds.map((r) => {
    const e = explainDecision(t, lang, r.decision_json as unknown as StoredDecision);
    const offerOf = new Map(
      offers.filter((o) => o.round_id === r.id).map((o) => [o.application_id, o.status]),
    );
    return {
      number: r.round_number,
      deadlineAt: r.deadline_at,
      steps: e.steps,
      ranked: e.ranked.map((x) => ({
        applicationId: x.applicationId,
        position: x.position,
        name: names.get(x.applicationId) ?? x.applicationId,
        group: x.group,
        text: x.text,
        offer: offerOf.get(x.applicationId) ?? null,
      })),
      excluded: e.excluded.map((x) => ({
        applicationId: x.applicationId,
        name: names.get(x.applicationId) ?? x.applicationId,
        text: x.text,
      })),
    };
  });
}

/** Everyone named in the stored rankings. */
export function applicationIdsIn({ rounds }: Rounds): string[] {
  const ids = new Set<string>();
  for (const r of rounds) {
    const d = r.decision_json as unknown as StoredDecision;
    for (const x of d.ranked ?? []) ids.add(x.applicationId);
    for (const x of d.excluded ?? []) ids.add(x.applicationId);
  }
  return [...ids];
}
