import type { daLettingApplicants } from "./da-letting-applicants.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: staff find an applicant, see their application and record its facts. */
export const enLettingApplicants: Messages<typeof daLettingApplicants> = {
  title: "Applicants",
  intro:
    "Find an applicant by the start of their name or by person number. The application shows their places on the waiting lists, and you can correct the facts used when homes are offered.",
  search: "Name (start) or person number",
  search_button: "Search",
  none: "No applicants found.",
  page: "Page {{page}}",
  columns: {
    name: "Name",
    person_number: "Person number",
    organisation: "Housing organisation",
    list: "Waiting list",
    status: "Status",
    seniority: "Seniority from",
  },
  list: {
    external: "External waiting list",
    internal: "Internal waiting list (transfer)",
  },
  status: {
    active: "Active",
    passive: "Passive",
    removed: "Removed",
    housed: "Housed",
  },
  facts_list: {
    person_number: "Person number",
    birth_date: "Date of birth",
    email: "Email",
    phone: "Phone",
    organisation: "Housing organisation",
    list: "Waiting list",
    status: "Status",
    seniority: "Seniority from",
    fee_paid_until: "Fee paid until",
    unanswered_offers: "Unanswered offers in a row",
    quarantine_until: "Quarantine until and including",
  },
  departments_heading: "Wanted departments and place on the list",
  departments_intro:
    "The place is among the active applicants on the same list for the department (no. 1 is first).",
  department: "Department",
  place: "Place",
  place_value: "No. {{rank}}",
  not_in_queue: "Not in the queue (the application is not active)",
  offers_heading: "Offers of a home",
  offers_none: "The applicant has had no offers.",
  offer: {
    home: "Home",
    offered: "Offered",
    deadline: "Answer by",
    status: "Answer",
    outcome: "What the applicant was told",
  },
  facts_heading: "Facts for letting",
  facts_intro:
    "These facts are used when a home is offered: some give priority, others exclude the applicant with a reason.",
  read_only: "You can see the facts but not change them.",
  household: {
    legend: "The household",
    size: "Number of persons in the household",
    size_hint: "At most 2 persons per room unless the rules say otherwise.",
    has_children: "There are children in the household",
  },
  priority: {
    legend: "Priority",
    is_rehousing: "To be rehoused (e.g. because of renovation)",
    flexible: "Flexible letting: the applicant meets",
    flexible_hint: "The organisation's rules decide which criteria give priority.",
  },
  requirements: {
    legend: "Special homes",
    is_education_documented: "Education is documented (youth home)",
    has_municipal_referral: "Referred by the municipality (senior home)",
  },
  refusal: {
    legend: "Grounds for refusal",
    is_on_benefits_refusable:
      "May be refused under combined letting (receives benefits that are refused in designated departments)",
    is_owing_money: "Owes the housing organisation money",
    has_payment_plan: "Has a payment plan",
    hint: "An applicant who owes money without a payment plan is excluded.",
  },
  save: "Save the facts",
  saved: "The facts have been saved.",
  unchanged: "There were no changes to save.",
  status_heading: "Status of the application",
  actions: {
    pause: "Make the application passive",
    pause_hint: "A passive application keeps its seniority but gets no offers.",
    reactivate: "Reactivate the application",
    remove: "Remove from the waiting list",
    remove_confirm: "I know the applicant loses their seniority and open fees are cancelled",
  },
  done: {
    pause: "The application is now passive.",
    reactivate: "The application is active again, with the same seniority.",
    remove: "The application has been removed from the waiting list.",
  },
  see_applicant: "See the applicant {{name}}",
  errors: {
    household_size: "Enter the number of persons as a whole number from 1 to 20.",
    children_household: "A household with children has at least 2 persons.",
    plan_without_debt: "A payment plan can only be recorded when the applicant owes money.",
    flexible: "Choose the criteria from the list.",
    closed: "The application is closed (removed or housed) and cannot be changed.",
    remove_confirm: "Confirm that the applicant loses their seniority.",
  },
};
