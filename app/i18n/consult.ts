// Texts for consultation before approval, volunteers, manual bookings,
// changes to loans and rejected suggestions, merged into the main resources
// under "consult". Swedish first; English has the same keys.
export const consultSv = {
  rejected: {
    legend: 'Avvisade förslag föreslås inte igen för samma förfrågan',
    hint: 'Kryssa i en förfrågan för att låta matchningen föreslå de avvisade personerna igen.',
    again: 'Föreslå avvisade igen: {{unit}}, {{weeks}} ({{count}} avvisade)',
  },
}

export const consultEn: typeof consultSv = {
  rejected: {
    legend: 'Rejected suggestions are not proposed again for the same request',
    hint: 'Tick a request to let matching propose its rejected people again.',
    again: 'Propose rejected again: {{unit}}, {{weeks}} ({{count}} rejected)',
  },
}
