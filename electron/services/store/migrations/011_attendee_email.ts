/**
 * An attendee picked from the cycle's roster keeps the roster e-mail (issue 13 §1), which
 * links the minutes and the packet to the person, and a countersignature to the member.
 * NULL for attendees typed in, and for every attendee recorded before: their session
 * images carry no e-mail and re-hash as they were audited.
 */
export const migration011 = {
  version: 11,
  name: 'attendee_email',
  sql: `
ALTER TABLE attendees ADD COLUMN email TEXT CHECK (email IS NULL OR length(trim(email)) > 0);
`,
};
