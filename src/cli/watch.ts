export async function watch(_argv: string[]): Promise<number> {
  return 0;
}
