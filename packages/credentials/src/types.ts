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
  localizedName?: LanguageMap;
  [key: string]: unknown;
}

export interface Achievement {
  id: string;
  type: ["Achievement"];
  achievementType: string;
  name: string;
  description: string;
  criteria: { narrative: string; localizedNarrative?: LanguageMap; id?: string };
  humanCode?: string;
  inLanguage?: string;
  alignment?: Alignment[];
  creditsAvailable?: number;
  fieldOfStudy?: string;
  otherIdentifier?: IdentifierEntry[];
  localizedName?: LanguageMap;
  localizedDescription?: LanguageMap;
  [key: string]: unknown;
}

export interface AchievementSubject {
  id?: string;
  type: ["AchievementSubject"];
  achievement: Achievement;
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
  holder?: string;
  verifiableCredential?: Credential[];
  proof?: Proof | Proof[];
  [key: string]: unknown;
}
