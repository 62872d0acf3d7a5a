/**
 * The knowledge base on the wire (GET/PUT /api/console/principles, /retrieval): what the console's
 * principle editor and retrieval tester read. Types only.
 */
import type { Bilingual } from './common';

export type Sense = 'sight' | 'sound' | 'texture';
export type EmbeddingStatus = 'pending' | 'embedding' | 'ready' | 'failed';

/** What staff write: the principle's content, Japanese and English side by side. */
export interface PrincipleContent {
  title_ja: string;
  title_en: string;
  dishes: string[];
  is_core: boolean;
  skill: Bilingual;
  symptoms: Array<Bilingual & { sense: Sense }>;
  why: Bilingual;
  next_action: Bilingual;
  success_signs: Partial<Record<Sense, Bilingual>>;
  /** Analyzer finding codes the principle answers. */
  addresses: string[];
  body_md: string;
}

/**
 * A principle. The content fields are the live (published) version, the one retrieval and the
 * pipeline use; `draft` holds unpublished edits, which go live only through publish.
 */
export interface PrincipleRecord extends PrincipleContent {
  id: string;
  slug: string;
  source: string;
  /** Whether retrieval searches it at all. */
  published: boolean;
  /** The live version (a new one per publish). */
  version: number;
  embedding_status: EmbeddingStatus;
  /** The version the stored chunks were made from (null before the first embedding). */
  embedded_version: number | null;
  /** Chunks stored for retrieval, and the embedding model that made them (null before the first embedding). */
  chunk_count: number;
  embedding_model: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: string;
  updated_at: string;
  /** Saved, unpublished edits; null when the live content is the latest. */
  draft: PrincipleContent | null;
  /** Counts draft saves: a save from an older revision is refused rather than overwriting a newer draft. */
  draft_revision: number;
  draft_updated_by_name: string | null;
  draft_updated_at: string | null;
}

/**
 * A list row: what the list page shows and the editor's first paint reads (the editor loads the
 * whole record: texts, draft and chunk figures).
 */
export type PrincipleListRow = Pick<
  PrincipleRecord,
  'id' | 'slug' | 'title_ja' | 'title_en' | 'dishes' | 'is_core' | 'published' | 'version' | 'embedding_status' | 'embedded_version' | 'draft_revision' | 'updated_at'
> & { has_draft: boolean };

/** A published version of a principle (GET /principles/:id/versions), newest first. */
export interface PrincipleVersion {
  id: string;
  version: number;
  snapshot: Record<string, unknown>;
  edited_by: string | null;
  edited_by_name: string | null;
  created_at: string;
}

/** What the editor's pickers offer (GET /principles/form-options). */
export interface PrincipleFormOptions {
  dishes: Array<{ slug: string; name: Bilingual }>;
  findings: string[];
}

/** One chunk the retrieval search returned, with its cosine similarity (1 = identical). */
export interface ChunkHit {
  principleId: string;
  slug: string;
  title: Bilingual;
  chunkIndex: number;
  content: string;
  score: number;
}

/** POST /api/console/retrieval */
export interface RetrievalTestResult {
  query: string;
  model: string;
  dish: string | null;
  /** Every chunk the search returned, best first. */
  chunks: ChunkHit[];
  /** What the pipeline keeps from those: one chunk per principle, top 5. */
  principles: ChunkHit[];
  /** For a real session: what its retrieve stage stored when it ran (the knowledge may have changed since). */
  session: {
    id: string;
    attemptNumber: number;
    dish: string;
    diagnosis: Bilingual | null;
    stored: { query: string; model: string; principles: Array<{ principleId: string; slug: string; score: number; chunkIndex: number }> } | null;
  } | null;
}

/** GET /api/console/retrieval/sessions: sessions the tester can pick. */
export interface RetrievalSessionChoice {
  id: string;
  cook: string;
  dish: Bilingual;
  attemptNumber: number;
  createdAt: string;
}
