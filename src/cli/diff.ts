export async function diff(_argv: string[]): Promise<number> {
  return 0;
}
