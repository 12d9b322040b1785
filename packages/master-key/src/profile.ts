/** What differs between the services that keep a master key file: names and wording. */
export interface MasterKeyProfile {
  /** Prefix of every message, e.g. `[avala/issuer]`. */
  tag: string;
  /** The workspace package that runs the master key commands, e.g. `@avala/issuer`. */
  packageName: string;
  /** The service in prose, e.g. `issuer` ("before starting the issuer"). */
  serviceName: string;
  /** The environment variable that chooses the key file, e.g. `ISSUER_MASTER_KEY_FILE`. */
  keyFileVariable: string;
  /** Where older versions kept the key, inside the data directory (a file name). */
  legacyFileName: string;
  /** What the key protects, singular, e.g. `signing key`. */
  protects: string;
  /** Decodes a key's text (from a file or the environment); throws naming `where`, never the value. */
  decode(text: string, where: string): Buffer;
}
