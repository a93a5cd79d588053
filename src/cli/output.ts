// How the CLI talks to people: one line per problem on stderr, never a stack trace.

/** A wrong argument or option: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function fail(message: string): void {
  process.stderr.write(`vraagbaak: ${message}\n`);
}
