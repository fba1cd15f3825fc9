// Texts for notifications (inbox, e-mail) and the calendar feed, merged into
// the main resources under "notifications". Each kind has a title (the
// e-mail's subject) and a text; the params are formatted first (weeks as
// "v. 50–52", extent as "50 %"). Swedish first; English has the same keys.
export const notificationsSv = {
  inbox: {
    title: 'Meddelanden',
    intro: 'Här samlas det som rör dig: förslag och beslut om utlån, behov, intyg och ärendesiffror.',
    headerLink: 'Meddelanden',
    headerUnread_one: 'Meddelanden, {{count}} oläst',
    headerUnread_other: 'Meddelanden, {{count}} olästa',
    empty: 'Du har inga meddelanden.',
    unread: 'Oläst',
    open: 'Visa',
    markRead: 'Markera som läst',
    markAllRead: 'Markera alla som lästa',
    markedRead: 'Markerat som läst.',
    received: 'Mottaget {{date}}',
    count: '{{unread}} olästa av {{total}}',
  },
  kinds: {
    loan: {
      proposed: {
        title: 'Förslag om utlån: {{person}} till {{unit}}',
        text: '{{person}} ({{fromUnit}}) föreslås lånas ut till {{unit}} {{weeks}}, {{extent}}. Förslaget väntar på beslut.',
      },
      approved: {
        title: 'Utlån godkänt: {{person}} till {{unit}}',
        text: 'Utlånet av {{person}} ({{fromUnit}}) till {{unit}} {{weeks}}, {{extent}}, är godkänt.',
      },
      rejected: {
        title: 'Förslag avslaget: {{person}} till {{unit}}',
        text: 'Förslaget att låna ut {{person}} ({{fromUnit}}) till {{unit}} {{weeks}}, {{extent}}, har avslagits.',
      },
      changed: {
        title: 'Utlån ändrat: {{person}} till {{unit}}',
        text: 'Utlånet av {{person}} ({{fromUnit}}) till {{unit}} är ändrat: nu {{weeks}}, {{extent}}.',
      },
      cancelled: {
        title: 'Utlån återkallat: {{person}} till {{unit}}',
        text: 'Utlånet av {{person}} ({{fromUnit}}) till {{unit}} {{weeks}}, {{extent}}, är återkallat innan det började.',
      },
      endedEarly: {
        title: 'Utlån avslutat i förtid: {{person}} till {{unit}}',
        text: 'Utlånet av {{person}} ({{fromUnit}}) till {{unit}}, {{extent}}, avslutades i förtid. Sista veckan var {{lastWeek}} (planerat {{weeks}}).',
      },
    },
    request: {
      helpProposed: {
        title: 'Förslag på hjälp till {{unit}}',
        text: 'Matchningen föreslår {{count}} utlån till behovet för {{unit}} {{weeks}}, {{extent}}. Förslagen väntar på beslut.',
      },
      unfilled: {
        title: 'Inget förslag för behovet i {{unit}}',
        text: 'Matchningen hittade ingen som kan hjälpa {{unit}} {{weeks}}, {{extent}}. Behovet står kvar som öppet.',
      },
    },
    certificate: {
      expiring: {
        title: 'Intyg går ut: {{skill}}',
        text: 'Intyget för {{skill}} som {{person}} ({{unit}}) har går ut {{date}}. Förnya det i tid så att kompetensen räknas i matchningen.',
      },
    },
    caseFigure: {
      stale: {
        title: 'Ärendesiffran för {{unit}} behöver uppdateras',
        text: 'Antalet öppna ärenden för {{unit}} uppdaterades senast {{date}}. Uppdatera siffran så att lägesbilden och matchningen stämmer.',
      },
    },
  },
  invalidIds: 'Ange högst 100 meddelanden, med sina id:n.',
  weeks: 'v. {{start}}–{{end}}',
  week: 'v. {{week}}',
  mail: {
    greeting: 'Hej {{name}}!',
    open: 'Öppna i Avlast: {{url}}',
    settings: 'Du får det här e-postmeddelandet eftersom du har e-postaviseringar påslagna. Stäng av dem under Mitt konto: {{url}}',
  },
  settings: {
    heading: 'Aviseringar',
    email: 'Skicka meddelanden även med e-post',
    emailHint: 'Meddelandena finns alltid kvar under Meddelanden i Avlast.',
    save: 'Spara',
    saved: 'Inställningen är sparad.',
  },
  calendar: {
    heading: 'Kalender',
    intro:
      'Prenumerera på dina godkända och pågående utlån i Outlook, Google Kalender eller en annan kalender. Adressen är hemlig: den som har den kan se dina utlån.',
    url: 'Kalenderadress',
    none: 'Du har ingen kalenderadress ännu.',
    create: 'Skapa kalenderadress',
    renew: 'Förnya kalenderadressen',
    renewHint: 'Den gamla adressen slutar då att fungera.',
    created: 'Den nya kalenderadressen visas nedan. Den visas bara nu: kopiera den till din kalender.',
    shownOnce: 'Av säkerhetsskäl sparas bara ett kontrollvärde. Förnya adressen om du behöver den igen.',
    calendarName: 'Avlast: mina utlån',
    eventSummary: 'Utlån till {{unit}} ({{extent}})',
    eventDescription: 'Utlån från {{fromUnit}} till {{unit}}, {{extent}}, {{weeks}}.',
  },
}

export const notificationsEn: typeof notificationsSv = {
  inbox: {
    title: 'Messages',
    intro: 'What concerns you: proposals and decisions on loans, requests, certificates and case figures.',
    headerLink: 'Messages',
    headerUnread_one: 'Messages, {{count}} unread',
    headerUnread_other: 'Messages, {{count}} unread',
    empty: 'You have no messages.',
    unread: 'Unread',
    open: 'Open',
    markRead: 'Mark as read',
    markAllRead: 'Mark all as read',
    markedRead: 'Marked as read.',
    received: 'Received {{date}}',
    count: '{{unread}} unread of {{total}}',
  },
  kinds: {
    loan: {
      proposed: {
        title: 'Proposed loan: {{person}} to {{unit}}',
        text: '{{person}} ({{fromUnit}}) is proposed for a loan to {{unit}} {{weeks}}, {{extent}}. The proposal awaits a decision.',
      },
      approved: {
        title: 'Loan approved: {{person}} to {{unit}}',
        text: 'The loan of {{person}} ({{fromUnit}}) to {{unit}} {{weeks}}, {{extent}}, is approved.',
      },
      rejected: {
        title: 'Proposal rejected: {{person}} to {{unit}}',
        text: 'The proposal to lend {{person}} ({{fromUnit}}) to {{unit}} {{weeks}}, {{extent}}, was rejected.',
      },
      changed: {
        title: 'Loan changed: {{person}} to {{unit}}',
        text: 'The loan of {{person}} ({{fromUnit}}) to {{unit}} was changed: now {{weeks}}, {{extent}}.',
      },
      cancelled: {
        title: 'Loan cancelled: {{person}} to {{unit}}',
        text: 'The loan of {{person}} ({{fromUnit}}) to {{unit}} {{weeks}}, {{extent}}, was cancelled before it started.',
      },
      endedEarly: {
        title: 'Loan ended early: {{person}} to {{unit}}',
        text: 'The loan of {{person}} ({{fromUnit}}) to {{unit}}, {{extent}}, ended early. The last week was {{lastWeek}} (planned {{weeks}}).',
      },
    },
    request: {
      helpProposed: {
        title: 'Help proposed for {{unit}}',
        text: 'Matching proposes {{count}} loans for the request of {{unit}} {{weeks}}, {{extent}}. The proposals await a decision.',
      },
      unfilled: {
        title: 'No proposal for the request of {{unit}}',
        text: 'Matching found nobody who can help {{unit}} {{weeks}}, {{extent}}. The request stays open.',
      },
    },
    certificate: {
      expiring: {
        title: 'Certificate expiring: {{skill}}',
        text: 'The certificate for {{skill}} held by {{person}} ({{unit}}) expires on {{date}}. Renew it in time so the skill counts in matching.',
      },
    },
    caseFigure: {
      stale: {
        title: 'The case figure of {{unit}} needs updating',
        text: 'The number of open cases for {{unit}} was last updated on {{date}}. Update it so the situation and matching are right.',
      },
    },
  },
  invalidIds: 'Give at most 100 messages, by their ids.',
  weeks: 'w. {{start}}–{{end}}',
  week: 'w. {{week}}',
  mail: {
    greeting: 'Hello {{name}},',
    open: 'Open in Avlast: {{url}}',
    settings: 'You receive this e-mail because e-mail notifications are on. Turn them off under My account: {{url}}',
  },
  settings: {
    heading: 'Notifications',
    email: 'Also send messages by e-mail',
    emailHint: 'Messages always stay under Messages in Avlast.',
    save: 'Save',
    saved: 'The setting is saved.',
  },
  calendar: {
    heading: 'Calendar',
    intro:
      'Subscribe to your approved and current loans in Outlook, Google Calendar or another calendar. The address is secret: whoever has it can see your loans.',
    url: 'Calendar address',
    none: 'You have no calendar address yet.',
    create: 'Create a calendar address',
    renew: 'Renew the calendar address',
    renewHint: 'The old address then stops working.',
    created: 'The new calendar address is shown below. It is shown only now: copy it into your calendar.',
    shownOnce: 'For security only a check value is stored. Renew the address if you need it again.',
    calendarName: 'Avlast: my loans',
    eventSummary: 'Loan to {{unit}} ({{extent}})',
    eventDescription: 'Loan from {{fromUnit}} to {{unit}}, {{extent}}, {{weeks}}.',
  },
}
