/** A principle as GET /api/console/principles returns it. */
export type Sense = 'sight' | 'sound' | 'texture';
export const SENSES: Sense[] = ['sight', 'sound', 'texture'];
export type EmbeddingStatus = 'pending' | 'embedding' | 'ready' | 'failed';

export interface Bilingual {
  ja: string;
  en: string;
}

export interface Principle {
  id: string;
  slug: string;
  title_ja: string;
  title_en: string;
  dishes: string[];
  is_core: boolean;
  skill: Bilingual;
  symptoms: Array<Bilingual & { sense: Sense }>;
  why: Bilingual;
  next_action: Bilingual;
  success_signs: Partial<Record<Sense, Bilingual>>;
  addresses: string[];
  body_md: string;
  source: string;
  published: boolean;
  version: number;
  embedding_status: EmbeddingStatus;
  chunk_count: number;
  embedding_model: string | null;
  updated_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface PrincipleVersion {
  id: string;
  version: number;
  snapshot: Record<string, unknown>;
  edited_by_name: string | null;
  created_at: string;
}

export interface FormOptions {
  dishes: Array<{ slug: string; name: Bilingual }>;
  findings: string[];
}

export interface ChunkHit {
  principleId: string;
  slug: string;
  title: Bilingual;
  chunkIndex: number;
  content: string;
  score: number;
}

export interface RetrievalResult {
  query: string;
  model: string;
  dish: string | null;
  chunks: ChunkHit[];
  principles: ChunkHit[];
  session: {
    id: string;
    attemptNumber: number;
    dish: string;
    diagnosis: Bilingual | null;
    stored: { query: string; model: string; principles: Array<{ principleId: string; slug: string; score: number; chunkIndex: number }> } | null;
  } | null;
}

export interface SessionChoice {
  id: string;
  cook: string;
  dish: Bilingual;
  attemptNumber: number;
  createdAt: string;
}
