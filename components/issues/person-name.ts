// Who did something: the user's name, else their email, else the system actor's stored name.
export function personName(person: { name: string | null; email: string } | null, actorName: string | null): string {
  return person?.name ?? person?.email ?? actorName ?? "System";
}
