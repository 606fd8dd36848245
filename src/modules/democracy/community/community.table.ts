import type { Generated } from "kysely";

/** Kysely row types of recruitment, onboarding, courses, guides and ideas (db/migrations/2026-11-28T0200-democracy-community.ts). */

export const interestKinds = ["board", "committee", "activities"] as const;
export type InterestKind = (typeof interestKinds)[number];

export interface DemocracyInterestsTable {
  id: string;
  organisation_id: string;
  department_id: string;
  person_id: string;
  is_board_interest: Generated<boolean>;
  is_committee_interest: Generated<boolean>;
  is_activity_interest: Generated<boolean>;
  note: string | null;
  /** The resident agrees that the board may contact them: only then does the board see who they are. */
  has_contact_consent: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export const courseFormats = ["in_person", "online"] as const;
export type CourseFormat = (typeof courseFormats)[number];
export const courseAudiences = ["democrats", "staff", "everyone"] as const;
export type CourseAudience = (typeof courseAudiences)[number];

export interface CoursesTable {
  id: string;
  organisation_id: string;
  title: string;
  summary: string;
  description: string;
  format: CourseFormat;
  audience: CourseAudience;
  /** Unpublished courses are seen by curators only. */
  is_published: Generated<boolean>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CourseSessionsTable {
  id: string;
  course_id: string;
  starts_at: string;
  ends_at: string | null;
  place: string;
  capacity: number;
  /** The last enrolment number handed out; taking the next one locks the session row. */
  next_seq: Generated<number>;
  created_at: string;
  updated_at: string;
}

export const enrolmentStatuses = ["enrolled", "waiting", "cancelled"] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export interface CourseEnrolmentsTable {
  id: string;
  session_id: string;
  user_id: string;
  status: EnrolmentStatus;
  /** Place in the order of asking: the waiting list is served by it. */
  seq: number;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export const completionSources = ["session", "online", "manual"] as const;
export type CompletionSource = (typeof completionSources)[number];

export interface CourseCompletionsTable {
  id: string;
  course_id: string;
  user_id: string;
  completed_on: string;
  source: CompletionSource;
  recorded_by: string | null;
  created_at: string;
}

export interface CoursePagesTable {
  id: string;
  course_id: string;
  position: number;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface CoursePageReadsTable {
  page_id: string;
  user_id: string;
  done_at: string;
}

export interface OnboardingProgrammesTable {
  id: string;
  organisation_id: string;
  title: string;
  intro: string;
  is_current: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export interface OnboardingStepsTable {
  id: string;
  programme_id: string;
  position: number;
  title: string;
  description: string;
  link_url: string | null;
  /** Days after the election date the step is due (0 = on the day). */
  due_offset_days: number;
  course_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OnboardingChecklistsTable {
  id: string;
  organisation_id: string;
  /** Null for the organisation board. */
  department_id: string | null;
  /** The department id, or `org:<organisation id>`: the never-null part of the unique key. */
  scope_key: string;
  person_id: string;
  programme_id: string;
  elected_on: string;
  created_at: string;
}

export interface OnboardingItemsTable {
  id: string;
  checklist_id: string;
  position: number;
  title: string;
  description: string;
  link_url: string | null;
  course_id: string | null;
  due_on: string;
  done_at: string | null;
  done_by: string | null;
}

export const guideKinds = ["guide", "example"] as const;
export type GuideKind = (typeof guideKinds)[number];

export interface GuidesTable {
  id: string;
  organisation_id: string;
  department_id: string | null;
  author_user_id: string;
  kind: GuideKind;
  title: string;
  body: string;
  /** Title, text and tags, lower-cased: what a search looks in. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface GuideTagsTable {
  guide_id: string;
  tag: string;
}

export const ideaEfforts = ["small", "medium", "large"] as const;
export type IdeaEffort = (typeof ideaEfforts)[number];
/** The audience tags of the idea catalogue: a fixed list, so filters and labels are translated. */
export const ideaTags = [
  "children",
  "youth",
  "families",
  "elderly",
  "newcomers",
  "green",
  "social",
  "culture",
  "health",
  "food",
] as const;
export type IdeaTag = (typeof ideaTags)[number];

export interface IdeasTable {
  id: string;
  organisation_id: string;
  department_id: string | null;
  author_user_id: string;
  title: string;
  description: string;
  cost_min_ore: number | null;
  cost_max_ore: number | null;
  effort: IdeaEffort;
  is_recommended: Generated<boolean>;
  recommended_at: string | null;
  recommended_by: string | null;
  /** Title, description and tags, lower-cased: what a search looks in. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface IdeaTagsTable {
  idea_id: string;
  tag: IdeaTag;
}

export interface IdeaExperiencesTable {
  id: string;
  idea_id: string;
  department_id: string;
  user_id: string;
  note: string;
  done_on: string | null;
  created_at: string;
  updated_at: string;
}

/** Tables of resident democracy: recruitment, onboarding programmes, courses, knowledge sharing and the idea catalogue. */
export interface CommunityTables {
  democracy_interests: DemocracyInterestsTable;
  courses: CoursesTable;
  course_sessions: CourseSessionsTable;
  course_enrolments: CourseEnrolmentsTable;
  course_completions: CourseCompletionsTable;
  course_pages: CoursePagesTable;
  course_page_reads: CoursePageReadsTable;
  onboarding_programmes: OnboardingProgrammesTable;
  onboarding_steps: OnboardingStepsTable;
  onboarding_checklists: OnboardingChecklistsTable;
  onboarding_items: OnboardingItemsTable;
  guides: GuidesTable;
  guide_tags: GuideTagsTable;
  ideas: IdeasTable;
  idea_tags: IdeaTagsTable;
  idea_experiences: IdeaExperiencesTable;
}
