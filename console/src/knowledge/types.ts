/** The knowledge base's wire shapes: one contract, shared with the API (core/src/contracts/principles.ts). */
import type { Sense } from '@ajimi/core/contracts/principles';

export type { Bilingual } from '@ajimi/core/contracts/common';
export type {
  ChunkHit,
  EmbeddingStatus,
  PrincipleContent,
  PrincipleFormOptions as FormOptions,
  PrincipleRecord as Principle,
  PrincipleListRow,
  PrincipleVersion,
  RetrievalTestResult as RetrievalResult,
  RetrievalSessionChoice as SessionChoice,
  Sense,
} from '@ajimi/core/contracts/principles';

export const SENSES: Sense[] = ['sight', 'sound', 'texture'];
