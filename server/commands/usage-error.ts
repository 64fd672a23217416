/** Bad usage: exit code 2. Its own module so that the CLI can recognise it without loading the database code. */
export class UsageError extends Error {}
