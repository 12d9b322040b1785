export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from "./document-loader.js";
export {
  builtInDocuments,
  createDocumentLoader,
  isKnownContextUrl,
  UnknownDocumentError,
} from "./document-loader.js";
