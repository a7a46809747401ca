/**
 * Which of a session's voting members have signed a packet, and who has not yet (issue 13
 * §4). A member is matched to a signature by the certificate's e-mail when both are known,
 * else by name as people write it (case, spacing and Unicode forms aside); an attendee
 * written with their address ("Ben Ortiz <b.ortiz@bank.example>") matches by that address.
 * A signature no voting member matches is listed as well: a board secretary wants to see it.
 */

export interface VotingMember {
  name: string;
  role: string;
  email?: string | null;
}

export interface SignatureOf {
  /** 1-based, in signing order. */
  position: number;
  name: string | null;
  email: string | null;
  signedAt: string | null;
  trustedBy: string | null;
}

export interface MemberSignatures {
  signed: (VotingMember & { signature: SignatureOf })[];
  notSigned: VotingMember[];
  /** Signatures by someone who is not a voting member of the session. */
  others: SignatureOf[];
}

const normal = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
const EMAIL_IN_TEXT = /[^\s<>()]+@[^\s<>()]+\.[^\s<>()]+/;

function emailOf(member: VotingMember): string | null {
  if (member.email) return normal(member.email);
  const found = EMAIL_IN_TEXT.exec(member.name);
  return found ? normal(found[0]) : null;
}

/** The name without an address written beside it. */
const bareName = (name: string) => normal(name.replace(/<[^>]*>|\([^)]*@[^)]*\)/g, ''));

function matches(member: VotingMember, sig: SignatureOf): boolean {
  const email = emailOf(member);
  if (email && sig.email) return email === normal(sig.email);
  return sig.name !== null && bareName(member.name) === normal(sig.name);
}

export function memberSignatures(members: VotingMember[], signatures: SignatureOf[]): MemberSignatures {
  const used = new Set<number>();
  const signed: MemberSignatures['signed'] = [];
  const notSigned: VotingMember[] = [];
  for (const member of members) {
    const sig = signatures.find((s) => !used.has(s.position) && matches(member, s));
    if (sig) {
      used.add(sig.position);
      signed.push({ ...member, signature: sig });
    } else notSigned.push(member);
  }
  return { signed, notSigned, others: signatures.filter((s) => !used.has(s.position)) };
}
