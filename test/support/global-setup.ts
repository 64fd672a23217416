// Placeholder until the database setup lands; replaced by the real one.
export default async function setup(): Promise<void> {}
