/** English texts of letting: the ranking's explanation (one text per code the engine exports). */
export const enLettingRanking = {
  title: "How the applicants were ranked",
  step: {
    municipal_not_family: "Municipal assignment applies to family units only; this is not a family unit.",
    municipal_off: "The municipality does not assign homes in this department.",
    municipal_exempt: "The department is exempt from municipal assignment.",
    municipal_turn:
      "This home is number {{unitNumber}} in the count and the municipality assigns every {{every}}: it goes to the municipality.",
    municipal_not_turn:
      "This home is number {{unitNumber}} in the count; the municipality assigns every {{every}}, so it is not the municipality's turn.",
    candidates:
      "{{total}} applicants were considered: {{eligible}} can be offered the home, {{excluded}} were passed over.",
    excluded_one: "{{count}} passed over: {{reasonText}}",
    excluded_other: "{{count}} passed over: {{reasonText}}",
    rehousing_priority: "Rehousing comes first.",
    rehousing_off: "Rehousing does not come first in this department.",
    flexible_off: "The department does not use flexible letting.",
    flexible_share:
      "Flexible letting: {{share}} % of lettings over the last year against a target of {{target}} % – applicants meeting the criteria come first.",
    flexible_share_reached:
      "Flexible letting: the share ({{share}} %) has reached the target of {{target}} %, so nobody comes first on that ground.",
    children_off: "Families with children do not come first in this department.",
    children_priority:
      "The home has {{rooms}} rooms (at least {{minRooms}}): families with children come first.",
    children_too_few_rooms:
      "The home has {{rooms}} rooms (fewer than {{minRooms}}): families with children do not come first.",
    list_alternation: "Internal and external lists take turns: this time {{firstText}} has the turn.",
    list_alternation_off: "No alternation: {{firstText}} comes first.",
    group_size_one: "{{groupText}}: {{count}} applicant",
    group_size_other: "{{groupText}}: {{count}} applicants",
    seniority_within_groups: "Within each group, the longest seniority comes first.",
  },
  reason: {
    group_rehousing: "You are to be rehoused, and rehousing comes first.",
    group_flexible: "You meet the criteria for flexible letting.",
    group_children: "You have children, and families with children come first for this home.",
    group_list_turn: "You are on {{listText}}, which had the turn, with seniority from {{seniorityDate}}.",
    group_list_other:
      "You are on {{listText}}, which came after the list that had the turn; seniority from {{seniorityDate}}.",
  },
  exclusion: {
    passive: "the application is passive",
    quarantine: "quarantine after a withdrawn acceptance",
    fee_unpaid: "the fee is not paid",
    criteria_department: "does not want a home in the department",
    criteria_kind: "does not want this kind of home",
    criteria_rooms: "the home does not have the wanted number of rooms",
    criteria_rent: "the rent is above the wanted maximum",
    criteria_features: "the home lacks something the applicant needs",
    owes_money: "owes the organisation money without a payment plan",
    overcrowded: "the household is too large for the home",
    youth_without_education: "a youth home requires documented education",
    senior_without_referral: "a senior home requires a municipal referral",
    combined_letting: "combined letting in the department",
  },
  group: {
    municipal: "Municipal assignment",
    rehousing: "Rehousing",
    flexible: "Flexible letting",
    children: "Families with children",
    internal: "Internal list",
    external: "External list",
  },
  list: {
    internal: "the internal list",
    external: "the external list",
    none: "none",
  },
  outcome: {
    outcome_won: "The home is yours. You can move in on {{moveIn}}.",
    outcome_lost_seniority: "The home went to an applicant with earlier seniority who also accepted.",
    outcome_lost_priority: "The home went to an applicant who came first ({{groupText}}).",
    outcome_declined: "You declined the offer.",
    outcome_unanswered: "You did not answer before the deadline. It counts as an unanswered offer.",
    outcome_withdrawn: "You withdrew your acceptance.",
    outcome_withdrawn_quarantine: "You withdrew your acceptance and get no offers until after {{until}}.",
  },
  ranked_heading: "Ranked applicants",
  excluded_heading: "Passed over",
  position: "No.",
  applicant: "Applicant",
  explanation: "Reason",
};
