import type { LetterType } from "../letter-types.ts";

export interface TemplateText {
  subject: string;
  body: string;
}

/**
 * The built-in text of every letter type (version 0). An organisation administrator's edit
 * becomes version 1, 2, … of that organisation's template; every letter records its version.
 */
export const defaultTemplates: Record<LetterType, Record<"da" | "en", TemplateText>> = {
  notice: {
    da: {
      subject: "{{subject}}",
      body: "Kære {{name}}\n\n{{message}}\n\nMed venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "{{subject}}",
      body: "Dear {{name}}\n\n{{message}}\n\nKind regards\n{{organisation}}",
    },
  },
  meeting_notice: {
    da: {
      subject: "Indkaldelse til afdelingsmøde i {{department}}",
      body:
        "Kære {{name}}\n\nDu indkaldes hermed til afdelingsmøde i {{department}} den {{meeting_date}}.\n\n" +
        "{{message}}\n\nHver husstand har 2 stemmer. Forslag skal være afdelingsbestyrelsen i hænde senest " +
        "{{deadline}}.\n\nMed venlig hilsen\nAfdelingsbestyrelsen og {{organisation}}",
    },
    en: {
      subject: "Notice of the department meeting in {{department}}",
      body:
        "Dear {{name}}\n\nYou are invited to the department meeting in {{department}} on {{meeting_date}}.\n\n" +
        "{{message}}\n\nEach household has 2 votes. Proposals must reach the department board no later than " +
        "{{deadline}}.\n\nKind regards\nThe department board and {{organisation}}",
    },
  },
  welcome: {
    da: {
      subject: "Velkommen til {{department}}",
      body:
        "Kære {{name}}\n\nVelkommen som beboer på {{address}} (lejemål {{unit}}) fra den {{move_in_date}}.\n\n" +
        "{{message}}\n\nMed venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Welcome to {{department}}",
      body:
        "Dear {{name}}\n\nWelcome as a resident at {{address}} (unit {{unit}}) from {{move_in_date}}.\n\n" +
        "{{message}}\n\nKind regards\n{{organisation}}",
    },
  },
  offer: {
    da: {
      subject: "Tilbud om bolig: {{address}}",
      body:
        "Kære {{name}}\n\nVi kan tilbyde dig boligen {{address}} i {{department}} med en månedlig husleje på " +
        "{{amount}}.\n\nSvar senest {{deadline}}, ellers går tilbuddet videre.\n\n{{message}}\n\n" +
        "Med venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Offer of a home: {{address}}",
      body:
        "Dear {{name}}\n\nWe can offer you the home {{address}} in {{department}} at a monthly rent of " +
        "{{amount}}.\n\nPlease answer by {{deadline}}, otherwise the offer passes on.\n\n{{message}}\n\n" +
        "Kind regards\n{{organisation}}",
    },
  },
  payment_request: {
    da: {
      subject: "Opkrævning: {{subject}}",
      body:
        "Kære {{name}}\n\nVi opkræver {{amount}} for {{subject}}. Beløbet forfalder den {{due_date}}.\n\n" +
        "Betal med betalingslinjen: {{payment_line}}\n\n{{message}}\n\nMed venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Payment request: {{subject}}",
      body:
        "Dear {{name}}\n\nWe request {{amount}} for {{subject}}. The amount is due on {{due_date}}.\n\n" +
        "Pay with the payment line: {{payment_line}}\n\n{{message}}\n\nKind regards\n{{organisation}}",
    },
  },
  fee_reminder: {
    da: {
      subject: "Påmindelse: betal gebyret for {{list}}",
      body:
        "Kære {{name}}\n\nVi har ikke modtaget gebyret på {{amount}} for din plads på {{list}}.\n\n" +
        "Betal senest {{due_date}} med betalingslinjen: {{payment_line}}\n\nEr gebyret ikke betalt den " +
        "{{removal_date}}, bliver du slettet fra ventelisten og mister din anciennitet.\n\n" +
        "Med venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Reminder: pay the fee for {{list}}",
      body:
        "Dear {{name}}\n\nWe have not received the fee of {{amount}} for your place on {{list}}.\n\n" +
        "Please pay by {{due_date}} with the payment line: {{payment_line}}\n\nIf the fee is not paid by " +
        "{{removal_date}}, you will be removed from the waiting list and lose your seniority.\n\n" +
        "Kind regards\n{{organisation}}",
    },
  },
  inspection_invitation: {
    da: {
      subject: "Indkaldelse til syn af {{address}}",
      body:
        "Kære {{name}}\n\nDu indkaldes til syn af lejemål {{unit}}, {{address}}, den {{inspection_date}}.\n\n" +
        "{{message}}\n\nMed venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Invitation to the inspection of {{address}}",
      body:
        "Dear {{name}}\n\nYou are invited to the inspection of unit {{unit}}, {{address}}, on {{inspection_date}}.\n\n" +
        "{{message}}\n\nKind regards\n{{organisation}}",
    },
  },
  formal_demand: {
    da: {
      subject: "Påkrav: skyldig husleje for {{address}}",
      body:
        "Kære {{name}}\n\nVi har ikke modtaget betaling af {{amount}} for lejemål {{unit}}, {{address}}.\n\n" +
        "Beløbet skal være betalt senest {{due_date}}. Betales beløbet ikke rettidigt, kan lejemålet " +
        "ophæves.\n\n{{message}}\n\nMed venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Formal demand: rent owed for {{address}}",
      body:
        "Dear {{name}}\n\nWe have not received payment of {{amount}} for unit {{unit}}, {{address}}.\n\n" +
        "The amount must be paid by {{due_date}}. If it is not paid in time, the lease may be " +
        "terminated.\n\n{{message}}\n\nKind regards\n{{organisation}}",
    },
  },
  termination: {
    da: {
      subject: "Opsigelse af lejemål {{unit}}",
      body:
        "Kære {{name}}\n\nLejemålet {{address}} opsiges til fraflytning den {{end_date}}.\n\n{{message}}\n\n" +
        "Med venlig hilsen\n{{organisation}}",
    },
    en: {
      subject: "Termination of unit {{unit}}",
      body:
        "Dear {{name}}\n\nThe lease of {{address}} is terminated with move-out on {{end_date}}.\n\n{{message}}\n\n" +
        "Kind regards\n{{organisation}}",
    },
  },
};
