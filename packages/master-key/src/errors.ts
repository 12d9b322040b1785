export class MasterKeyError extends Error {
  override name = "MasterKeyError";
}

/** A rotation that changed nothing; `failures` are the stored secrets that did not open. */
export class MasterKeyRotationError<F = unknown> extends MasterKeyError {
  override name = "MasterKeyRotationError";
  constructor(
    message: string,
    readonly failures: F[] = [],
  ) {
    super(message);
  }
}
