import { formatDate, formatKroner } from "../../platform/dates.ts";
import { TableWrap } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { type DepartmentCount, floorAndDoor, type HomeRow } from "../masterdata/index.ts";

export interface HomeView {
  name: string;
  roles: string[];
  homes: HomeRow[] | null;
  seeker: boolean;
  board: DepartmentCount[] | null;
  staff: DepartmentCount[] | null;
  admin: { accounts: number; auditToday: number } | null;
}

function ResidentSection({ ctx, homes }: { ctx: PageContext; homes: HomeRow[] }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="home-resident">
      <h2 id="home-resident">{t("home.resident_title")}</h2>
      {homes.length === 0 ? <p>{t("home.no_home")}</p> : null}
      <ul class="nobullet-list">
        <li>
          <a href="/inbox">{t("nav.inbox")}</a>
        </li>
        <li>
          <a href="/account/contact">{t("contact.title")}</a>
        </li>
      </ul>
      {homes.map((h) => (
        <div class="almen-card" key={h.tenancyId}>
          <h3 class="h4">
            {h.street} {h.houseNumber}
            {floorAndDoor(h.floor, h.door) ? `, ${floorAndDoor(h.floor, h.door)}` : ""}
          </h3>
          <p>
            {h.postcode} {h.town}
          </p>
          <dl>
            <dt>{t("home.department")}</dt>
            <dd>
              {h.departmentNumber} {h.departmentName} ({h.organisationName})
            </dd>
            <dt>{t("home.unit")}</dt>
            <dd>
              {t("home.unit_line", {
                number: h.unitNumber,
                rooms: h.rooms,
                area: h.areaM2,
                kind: t(`unit_kind.${h.kind}`),
              })}
            </dd>
            <dt>{t("home.rent")}</dt>
            <dd>{t("home.per_month", { amount: formatKroner(h.rentOre, lang) })}</dd>
            <dt>{t("home.tenancy")}</dt>
            <dd>
              {t("home.tenancy_line", { number: h.tenancyNumber, start: formatDate(h.startDate, lang) })}
              {h.endDate ? ` – ${formatDate(h.endDate, lang)}` : ""}
            </dd>
          </dl>
          <h4 class="h5">{t("home.household")}</h4>
          <ul>
            {h.household.map((m) => (
              <li key={m.name}>
                {m.name} ({t(`household_role.${m.role}`)})
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function DepartmentTable({
  ctx,
  rows,
  caption,
}: {
  ctx: PageContext;
  rows: DepartmentCount[];
  caption: string;
}) {
  const { t } = ctx;
  return (
    <TableWrap label={caption}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.department")}</th>
            <th scope="col">{t("home.organisation")}</th>
            <th scope="col">{t("home.units")}</th>
            <th scope="col">{t("home.vacant")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>
                {d.number} {d.name}
              </td>
              <td>{d.organisationName}</td>
              <td>{d.units}</td>
              <td>{d.vacant}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function HomePage({ ctx, view }: { ctx: PageContext; view: HomeView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.greeting", { name: view.name })}</h1>
      <p>{t("home.your_roles", { roles: view.roles.map((r) => t(`roles.${r}`)).join(", ") })}</p>
      {view.homes ? <ResidentSection ctx={ctx} homes={view.homes} /> : null}
      {view.seeker ? (
        <section aria-labelledby="home-seeker">
          <h2 id="home-seeker">{t("home.seeker_title")}</h2>
          <p>{t("home.seeker_text")}</p>
          <ul class="nobullet-list">
            <li>
              <a href="/waiting-lists">{t("nav.waiting_lists")}</a>
            </li>
            <li>
              <a href="/boliger">{t("front.vacant_homes")}</a>
            </li>
            <li>
              <a href="/inbox">{t("nav.inbox")}</a>
            </li>
          </ul>
        </section>
      ) : null}
      {view.board ? (
        <section aria-labelledby="home-board">
          <h2 id="home-board">{t("home.board_title")}</h2>
          <DepartmentTable ctx={ctx} rows={view.board} caption={t("home.board_caption")} />
        </section>
      ) : null}
      {view.staff ? (
        <section aria-labelledby="home-staff">
          <h2 id="home-staff">{t("home.staff_title")}</h2>
          <p>
            <a href="/letters">{t("letters.outbox.title")}</a>
          </p>
          <DepartmentTable ctx={ctx} rows={view.staff} caption={t("home.staff_caption")} />
        </section>
      ) : null}
      {view.admin ? (
        <section aria-labelledby="home-admin">
          <h2 id="home-admin">{t("home.admin_title")}</h2>
          <ul>
            <li>
              <a href="/admin/staff">{t("home.admin_accounts", { count: view.admin.accounts })}</a>
            </li>
            <li>
              <a href="/admin/audit">{t("home.admin_audit", { count: view.admin.auditToday })}</a>
            </li>
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
