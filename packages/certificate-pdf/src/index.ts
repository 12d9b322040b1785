export type {
  Bilingual,
  CertificateContent,
  CertificateInput,
  EmbeddedCredential,
} from "./certificate.js";
export { printable, renderCertificatePdf, wrap } from "./certificate.js";
