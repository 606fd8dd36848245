import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  PostForm,
  TextAreaField,
  TextField,
} from "../../../../ui/components.tsx";
import { Layout } from "../../../../ui/layout.tsx";
import type { PageContext } from "../../../../ui/page-context.ts";
import { Breadcrumbs } from "../../../../ui/page-parts.tsx";
import { amountLinesText } from "../meetings.schemas.ts";
import type { AgendaItemView, MeetingView } from "../presenters.ts";
import { Paragraphs } from "./meeting-parts.tsx";
import { meetingsCrumbs } from "./staff-list.views.tsx";

/** Editing a meeting before its final agenda: details (while planned), agenda items, budget and accounts. */

const copenhagenParts = (iso: string) => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
};

export function DetailsForm(p: {
  ctx: PageContext;
  meeting: MeetingView;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = p.ctx;
  const current = copenhagenParts(p.meeting.startsAt);
  const v = { title: p.meeting.title, location: p.meeting.location, ...current, ...p.values };
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">{t("meetings.staff.details")}</h2>
      <PostForm action={`/meetings/${p.meeting.id}`} csrf={p.ctx.csrfToken}>
        <TextField t={t} name="title" label={t("meetings.fields.title")} value={v.title} errors={p.errors} />
        <TextField
          t={t}
          name="date"
          type="date"
          label={t("meetings.fields.date")}
          hint={t("meetings.fields.date_hint")}
          value={v.date}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="time"
          label={t("meetings.fields.time")}
          hint={t("meetings.fields.time_hint")}
          value={v.time}
          errors={p.errors}
        />
        <TextField
          t={t}
          name="location"
          label={t("meetings.fields.location")}
          value={v.location}
          errors={p.errors}
        />
        <button type="submit" class="button button-secondary">
          {t("meetings.actions.save_details")}
        </button>
      </PostForm>
    </section>
  );
}

function MoveButton(p: {
  ctx: PageContext;
  meetingId: string;
  itemId: string;
  direction: "up" | "down";
  label: string;
}) {
  return (
    <PostForm
      action={`/meetings/${p.meetingId}/items/${p.itemId}/move`}
      csrf={p.ctx.csrfToken}
      class="almen-inline-form"
    >
      <input type="hidden" name="direction" value={p.direction} />
      <button type="submit" class="button button-tertiary">
        {p.label}
      </button>
    </PostForm>
  );
}

export function AgendaEditor(p: {
  ctx: PageContext;
  meetingId: string;
  agenda: AgendaItemView[];
  values: FormValues;
  errors: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <>
      {p.agenda.length === 0 ? <p>{t("meetings.parts.no_items")}</p> : null}
      <ol>
        {p.agenda.map((item, i) => (
          <li key={item.id}>
            <h3 class="h4">{item.title}</h3>
            {item.description ? <Paragraphs text={item.description} /> : null}
            <div class="almen-actions">
              {i > 0 && !item.isClosing && !p.agenda[i - 1]?.isClosing ? (
                <MoveButton
                  ctx={ctx}
                  meetingId={p.meetingId}
                  itemId={item.id}
                  direction="up"
                  label={t("meetings.actions.move_up", { title: item.title })}
                />
              ) : null}
              {i < p.agenda.length - 1 && !item.isClosing && !p.agenda[i + 1]?.isClosing ? (
                <MoveButton
                  ctx={ctx}
                  meetingId={p.meetingId}
                  itemId={item.id}
                  direction="down"
                  label={t("meetings.actions.move_down", { title: item.title })}
                />
              ) : null}
              <a class="button button-tertiary" href={`/meetings/${p.meetingId}/items/${item.id}`}>
                {t("meetings.actions.edit_item", { title: item.title })}
              </a>
              <PostForm
                action={`/meetings/${p.meetingId}/items/${item.id}/remove`}
                csrf={ctx.csrfToken}
                class="almen-inline-form"
              >
                <button type="submit" class="button button-tertiary">
                  {t("meetings.actions.remove_item", { title: item.title })}
                </button>
              </PostForm>
            </div>
          </li>
        ))}
      </ol>
      <h3>{t("meetings.staff.add_item")}</h3>
      <PostForm action={`/meetings/${p.meetingId}/items`} csrf={ctx.csrfToken}>
        <TextField
          t={t}
          name="item_title"
          label={t("meetings.fields.item_title")}
          value={p.values.item_title}
          errors={p.errors}
        />
        <TextAreaField
          t={t}
          name="item_description"
          label={t("meetings.fields.item_description")}
          value={p.values.item_description}
          errors={p.errors}
          rows={4}
        />
        <button type="submit" class="button button-secondary">
          {t("meetings.staff.add_item")}
        </button>
      </PostForm>
    </>
  );
}

export function EconomyForm(p: {
  ctx: PageContext;
  meeting: MeetingView;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = p.ctx;
  return (
    <PostForm action={`/meetings/${p.meeting.id}/economy`} csrf={p.ctx.csrfToken}>
      <TextAreaField
        t={t}
        name="budget"
        label={t("meetings.fields.budget")}
        hint={t("meetings.fields.amount_lines_hint")}
        value={p.values.budget ?? amountLinesText(p.meeting.budget)}
        errors={p.errors}
        rows={6}
      />
      <TextAreaField
        t={t}
        name="accounts"
        label={t("meetings.fields.accounts")}
        hint={t("meetings.fields.amount_lines_hint")}
        value={p.values.accounts ?? amountLinesText(p.meeting.accounts)}
        errors={p.errors}
        rows={6}
      />
      <button type="submit" class="button button-secondary">
        {t("meetings.actions.save_economy")}
      </button>
    </PostForm>
  );
}

export function ItemEditPage(p: {
  ctx: PageContext;
  meeting: MeetingView;
  item: AgendaItemView;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t } = p.ctx;
  const v = { title: p.item.title, description: p.item.description, ...p.values };
  const title = t("meetings.staff.edit_item");
  return (
    <Layout ctx={p.ctx} title={title}>
      <Breadcrumbs
        ctx={p.ctx}
        trail={[...meetingsCrumbs(p.ctx), { href: `/meetings/${p.meeting.id}`, label: p.meeting.title }]}
      />
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={p.errors}
        labels={{
          title: t("meetings.fields.item_title"),
          description: t("meetings.fields.item_description"),
        }}
      />
      <PostForm action={`/meetings/${p.meeting.id}/items/${p.item.id}`} csrf={p.ctx.csrfToken}>
        <TextField
          t={t}
          name="title"
          label={t("meetings.fields.item_title")}
          value={v.title}
          errors={p.errors}
        />
        <TextAreaField
          t={t}
          name="description"
          label={t("meetings.fields.item_description")}
          value={v.description}
          errors={p.errors}
          rows={8}
        />
        <button type="submit" class="button button-primary">
          {t("meetings.actions.save_item")}
        </button>
      </PostForm>
    </Layout>
  );
}
