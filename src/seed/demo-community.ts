import type { IdeaTag } from "../modules/democracy/community/community.table.ts";
import { addCoursePage } from "../modules/democracy/community/course-pages.service.ts";
import { addSession, createCourse } from "../modules/democracy/community/courses.service.ts";
import { enrol } from "../modules/democracy/community/enrolment.service.ts";
import { createGuide } from "../modules/democracy/community/guides.service.ts";
import {
  createIdea,
  recordExperience,
  setRecommended,
} from "../modules/democracy/community/ideas.service.ts";
import { saveInterest } from "../modules/democracy/community/interests.service.ts";
import { startOnboarding } from "../modules/democracy/community/onboarding.service.ts";
import { addStep, createProgramme, makeCurrent } from "../modules/democracy/community/programmes.service.ts";
import type { Principal } from "../platform/access.ts";
import { type Actor, systemActor } from "../platform/audit.ts";
import type { AppContext } from "../platform/context.ts";
import { addDays, todayInCopenhagen } from "../platform/dates.ts";
import { grantsOf } from "../platform/users.repository.ts";
import { seeder } from "./seeding.ts";

/** A demo login as an author: its user id, person, grants. */
async function login(ctx: AppContext, email: string) {
  const u = await ctx.db
    .selectFrom("users")
    .select(["id", "person_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  const principal: Principal = { userId: u.id, grants: await grantsOf(ctx.db, u.id) };
  const actor: Actor = { userId: u.id, label: email };
  return { id: u.id, personId: u.person_id, principal, actor };
}

const ideas: {
  title: string;
  text: string;
  tags: IdeaTag[];
  kr: [number, number] | null;
  effort: "small" | "medium" | "large";
}[] = [
  {
    title: "Fællesspisning hver anden torsdag",
    text: "Skiftende madhold laver aftensmad i fælleshuset. 30 kr. for voksne, 15 kr. for børn.",
    tags: ["food", "social", "elderly", "families"],
    kr: [500, 1500],
    effort: "medium",
  },
  {
    title: "Loppemarked i gården",
    text: "Beboerne sælger fra egne borde en lørdag i maj. Bestyrelsen låner borde og laver kaffe.",
    tags: ["social", "families", "green"],
    kr: [0, 0],
    effort: "medium",
  },
  {
    title: "Bytte-reol i opgangen",
    text: "En reol, hvor man stiller bøger, legetøj og køkkenting og tager det, man kan bruge.",
    tags: ["green", "social"],
    kr: [300, 300],
    effort: "small",
  },
  {
    title: "Lektiecafé for skolebørn",
    text: "Frivillige beboere hjælper med lektier to eftermiddage om ugen i fælleshuset.",
    tags: ["children", "youth"],
    kr: [0, 2000],
    effort: "large",
  },
  {
    title: "Køkkenhaver i plantekasser",
    text: "Højbede til krydderurter og grøntsager, som beboerne deler. Jord og kasser købes én gang.",
    tags: ["green", "health", "families"],
    kr: [4000, 8000],
    effort: "medium",
  },
  {
    title: "Velkomstkaffe for nye beboere",
    text: "Hver måned inviterer bestyrelsen nye beboere på kaffe og en rundvisning.",
    tags: ["newcomers", "social"],
    kr: [200, 400],
    effort: "small",
  },
  {
    title: "Gåklub om formiddagen",
    text: "En fast gåtur på en time to gange om ugen. Alle kan være med.",
    tags: ["elderly", "health"],
    kr: null,
    effort: "small",
  },
  {
    title: "Sommerfest med grill",
    text: "Telt, grill og musik i gården. Bestyrelsen står for grillen, beboerne tager salater med.",
    tags: ["social", "families", "culture", "food"],
    kr: [5000, 15000],
    effort: "large",
  },
];

const guides: { by: string; kind: "guide" | "example"; title: string; text: string; tags: string }[] = [
  {
    by: "formand@almen.demo",
    kind: "guide",
    title: "Sådan forbereder du afdelingsmødet",
    text: "Sæt datoen i god tid: indkaldelsen skal ud mindst fire uger før.\n\nLæg budgettet frem for bestyrelsen, og aftal hvem der præsenterer det.\n\nHusk en dirigent og en referent.",
    tags: "afdelingsmøde, budget, dagsorden",
  },
  {
    by: "bestyrelse@almen.demo",
    kind: "example",
    title: "Vores fællesspisning – hvad vi lærte",
    text: "Vi startede med 12 spisende og er nu 45. Det vigtigste var faste madhold og tilmelding på opslagstavlen.\n\nPriserne dækker maden; fælleshuset er gratis.",
    tags: "fællesspisning, mad, fællesskab",
  },
  {
    by: "admin@almen.demo",
    kind: "guide",
    title: "Sådan læser du afdelingens budget",
    text: "Budgettet har to sider: udgifter (fx renter, skatter, vedligehold) og indtægter (især huslejen).\n\nHenlæggelser er penge sat til side til fremtidig vedligeholdelse. De må kun bruges til det.",
    tags: "budget, økonomi, henlæggelser",
  },
  {
    by: "beboer@almen.demo",
    kind: "example",
    title: "Legepladsudvalget: fra idé til ny legeplads",
    text: "Vi var fem forældre, der samlede ønsker fra børnene. Forslaget kom på afdelingsmødet og blev vedtaget.",
    tags: "udvalg, legeplads, børn",
  },
];

/**
 * Demo data for recruitment, onboarding, courses, guides and ideas: a current introduction
 * programme whose steps point to courses, courses with sessions and an online module, guides,
 * and a curated idea catalogue. The demo board member gets a checklist (elected 30 days ago)
 * unless they have one. Run after seedDemo (and after seedDemoBoards, when used); does
 * nothing when a programme exists. Returns whether it seeded.
 */
export async function seedDemoCommunity(ctx: AppContext, actor: Actor = systemActor): Promise<boolean> {
  const org = await ctx.db
    .selectFrom("organisations")
    .select("id")
    .where("number", "=", 1)
    .executeTakeFirst();
  if (!org) return false;
  const existing = await ctx.db.selectFrom("onboarding_programmes").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  const dept = await ctx.db
    .selectFrom("departments")
    .select("id")
    .where("number", "=", 101)
    .executeTakeFirstOrThrow();
  const today = todayInCopenhagen(ctx.clock);
  const organisationId = org.id;

  const basics = await createCourse(ctx, actor, seeder, {
    organisationId,
    title: "Bestyrelsens grundkursus",
    summary: "Det første, et nyt bestyrelsesmedlem skal vide – online, i dit eget tempo.",
    description: "Fire korte sider om beboerdemokratiet, bestyrelsens opgaver, økonomien og afdelingsmødet.",
    format: "online",
    audience: "democrats",
    published: true,
  });
  for (const [title, body] of [
    [
      "Beboerdemokratiet",
      "I almene boliger bestemmer beboerne selv meget. Afdelingsmødet er afdelingens øverste myndighed.",
    ],
    [
      "Bestyrelsens opgaver",
      "Bestyrelsen varetager afdelingens daglige interesser mellem møderne og forbereder afdelingsmødet.",
    ],
    [
      "Økonomien",
      "Afdelingen skal hvile i sig selv: huslejen dækker udgifterne. Budgettet godkendes på afdelingsmødet.",
    ],
    [
      "Afdelingsmødet",
      "Indkald mindst fire uger før. Forslag skal være bestyrelsen i hænde senest to uger før.",
    ],
  ] as const) {
    await addCoursePage(ctx, actor, seeder, basics, { title, body });
  }
  const budget = await createCourse(ctx, actor, seeder, {
    organisationId,
    title: "Budget og regnskab for afdelingsbestyrelser",
    summary: "Forstå budgettet, før det skal vedtages.",
    description: "En aften med en af organisationens økonomimedarbejdere. Medbring gerne jeres eget budget.",
    format: "in_person",
    audience: "democrats",
    published: true,
  });
  const budgetSession = await addSession(ctx, actor, seeder, budget, {
    date: addDays(today, 21),
    startTime: "17:30",
    endTime: "20:30",
    place: "Fælleshuset, Rosenvænget 1",
    capacity: 2,
  });
  await addSession(ctx, actor, seeder, budget, {
    date: addDays(today, 63),
    startTime: "17:30",
    endTime: "20:30",
    place: "Administrationen, Vesterbrogade 12",
    capacity: 20,
  });
  const hosting = await createCourse(ctx, actor, seeder, {
    organisationId,
    title: "Godt værtskab ved afdelingsmødet",
    summary: "Dirigent, referat og et møde, hvor alle kommer til orde.",
    description: "Praktiske øvelser i at lede et møde og skrive et kort, klart referat.",
    format: "in_person",
    audience: "everyone",
    published: true,
  });
  await addSession(ctx, actor, seeder, hosting, {
    date: addDays(today, 35),
    startTime: "18:00",
    place: "Fælleshuset, Rosenvænget 1",
    capacity: 15,
  });

  const programme = await createProgramme(ctx, actor, seeder, {
    organisationId,
    title: "Velkommen i afdelingsbestyrelsen",
    intro: "Her er de første skridt som nyt bestyrelsesmedlem. Spørg formanden, hvis noget er uklart.",
  });
  const steps: [string, string, number, string, string?][] = [
    ["Mød formanden", "Aftal en kop kaffe og få nøgler og adgang til bestyrelsens mapper.", 7, ""],
    ["Tag bestyrelsens grundkursus", "Fire korte sider online.", 14, "", basics],
    ["Læs forretningsordenen", "Den står i bestyrelsens mappe.", 21, ""],
    ["Se kursuskataloget", "Find et kursus, der passer dig.", 30, "/courses"],
    ["Budget og regnskab", "Tilmeld dig et hold før budgetmødet.", 60, "", budget],
    ["Første bestyrelsesmøde som ordstyrer", "Prøv rollen med formanden ved din side.", 90, ""],
  ];
  for (const [title, description, dueOffsetDays, linkUrl, courseId] of steps) {
    await addStep(ctx, actor, seeder, programme, {
      title,
      description,
      dueOffsetDays,
      linkUrl,
      courseId: courseId ?? "",
    });
  }
  await makeCurrent(ctx, actor, seeder, programme);

  const chair = await login(ctx, "formand@almen.demo");
  const member = await login(ctx, "bestyrelse@almen.demo");
  const resident = await login(ctx, "beboer@almen.demo");
  // The demo board member is the new member (the chair has sat for a while): a checklist from an
  // election 30 days ago, unless the boards module gave one already.
  const given = member.personId
    ? await ctx.db
        .selectFrom("onboarding_checklists")
        .select("id")
        .where("person_id", "=", member.personId)
        .executeTakeFirst()
    : undefined;
  if (member.personId && !given) {
    const personId = member.personId;
    await ctx.db
      .transaction()
      .execute((trx) =>
        startOnboarding(
          trx,
          { personId, organisationId, departmentId: dept.id, electedOn: addDays(today, -30) },
          ctx.clock,
        ),
      );
  }
  await enrol(ctx, chair.actor, chair.principal, chair.id, budgetSession);

  for (const g of guides) {
    const author = await login(ctx, g.by);
    const placement = g.by === "admin@almen.demo" ? `org:${organisationId}` : `dept:${dept.id}`;
    await createGuide(ctx, author.actor, author.principal, author.id, {
      placement,
      kind: g.kind,
      title: g.title,
      body: g.text,
      tags: g.tags,
    });
  }

  const authors = [resident, member, chair];
  const ideaIds: string[] = [];
  for (const [i, idea] of ideas.entries()) {
    const author = authors[i % authors.length]!;
    ideaIds.push(
      await createIdea(ctx, author.actor, author.principal, author.id, {
        placement: `dept:${dept.id}`,
        title: idea.title,
        description: idea.text,
        costMinOre: idea.kr ? idea.kr[0] * 100 : null,
        costMaxOre: idea.kr ? idea.kr[1] * 100 : null,
        effort: idea.effort,
        tags: idea.tags,
      }),
    );
  }
  for (const id of [ideaIds[0]!, ideaIds[2]!, ideaIds[5]!])
    await setRecommended(ctx, actor, seeder, id, true);
  await recordExperience(ctx, member.actor, member.principal, member.id, ideaIds[0]!, {
    departmentId: dept.id,
    note: "Vi er nu 45 spisende. Faste madhold og tilmelding på opslagstavlen gjorde forskellen.",
    doneOn: addDays(today, -45),
  });
  await recordExperience(ctx, chair.actor, chair.principal, chair.id, ideaIds[1]!, {
    departmentId: dept.id,
    note: "40 boder og godt vejr. Næste gang låner vi flere borde af fælleshuset.",
    doneOn: "",
  });

  await saveInterest(ctx, resident.actor, resident.principal, resident.personId, {
    departmentId: dept.id,
    interests: ["committee", "activities"],
    note: "Jeg vil gerne hjælpe med sommerfesten.",
    contactConsent: true,
  });
  return true;
}
