/** Shapes of the JSON documents Avala builds. Fields follow Open Badges 3.0 and VC 2.0. */

export type JsonObject = Record<string, unknown>;

export interface LanguageMap {
  es: string;
  en?: string;
}

export interface Alignment {
  type: ["Alignment"];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: string;
}

export interface IdentifierEntry {
  type: "IdentifierEntry";
  identifier: string;
  identifierType: string;
}

export interface IdentityObject {
  type: "IdentityObject";
  hashed: true;
  identityHash: string;
  identityType: string;
  salt: string;
}

export interface Profile {
  id: string;
  type: ["Profile"];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  otherIdentifier?: IdentifierEntry[];
  /** Read only: credentials Avala signed before with its own context (`https://w3id.org/avala/v1`). */
  localizedName?: LanguageMap;
  [key: string]: unknown;
}

/** OB 3.0 `Related`: another edition of an achievement (Avala: the English one). */
export interface Related {
  id: string;
  type: ["Related"];
  inLanguage?: string;
  version?: string;
  name?: string;
  description?: string;
  /** The edition's criteria (OB 3.0 `narrative`). */
  narrative?: string;
}

export interface Achievement {
  id: string;
  type: ["Achievement"];
  achievementType: string;
  name: string;
  description: string;
  /** `localizedNarrative`: read only, credentials Avala signed before with its own context. */
  criteria: { narrative: string; localizedNarrative?: LanguageMap; id?: string };
  humanCode?: string;
  inLanguage?: string;
  alignment?: Alignment[];
  creditsAvailable?: number;
  fieldOfStudy?: string;
  otherIdentifier?: IdentifierEntry[];
  /** Alternate language editions (Avala: the English edition). */
  related?: Related[];
  /** Read only: credentials Avala signed before with its own context. */
  localizedName?: LanguageMap;
  /** Read only: credentials Avala signed before with its own context. */
  localizedDescription?: LanguageMap;
  [key: string]: unknown;
}

export interface AchievementSubject {
  id?: string;
  type: ["AchievementSubject"];
  achievement: Achievement;
  /** The learner's name as the issuer recorded it (schema:name, VC 2.0 context). */
  name?: string;
  identifier?: IdentityObject[];
  [key: string]: unknown;
}

export interface Proof {
  type: string;
  cryptosuite?: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  challenge?: string;
  domain?: string;
  [key: string]: unknown;
}

export interface Credential {
  "@context": Array<string | JsonObject>;
  id: string;
  type: string[];
  issuer: Profile | string;
  validFrom: string;
  validUntil?: string;
  name?: string;
  credentialSubject: JsonObject;
  credentialStatus?: JsonObject | JsonObject[];
  credentialSchema?: JsonObject[];
  proof?: Proof | Proof[];
  [key: string]: unknown;
}

export interface AchievementCredential extends Credential {
  credentialSubject: AchievementSubject;
}

export interface Presentation {
  "@context": Array<string | JsonObject>;
  id?: string;
  type: string[];
  /** VC DM 2.0: a URL, or an object with the holder's `id`; optional. */
  holder?: string | { id: string; [key: string]: unknown };
  verifiableCredential?: Credential[];
  proof?: Proof | Proof[];
  [key: string]: unknown;
}
