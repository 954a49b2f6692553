// A ZAPI call the simulated filer refuses: becomes <results status="failed" errno=... reason=...>.
export class ZapiFault extends Error {
  constructor(
    readonly errno: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}
