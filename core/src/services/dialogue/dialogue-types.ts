import type { AnalysisResult } from '../../domain/analysis';
import type { SecondSignal } from '../../domain/signals';

export type Lang = 'ja' | 'en';
export interface Bilingual {
  ja: string;
  en: string;
}

/** What a follow-up question is about. */
export const INTENTS = ['heat', 'timing', 'technique', 'ingredient', 'equipment', 'my_video', 'is_this_right', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/** A principle's structured fields, as the dialogue manager answers from them. */
export interface DialoguePrinciple {
  slug: string;
  title: Bilingual;
  dishes: string[];
  skill: Bilingual;
  why: Bilingual;
  nextAction: Bilingual;
  successSigns: Partial<Record<'sight' | 'sound' | 'texture', Bilingual>>;
  addresses: string[];
  /** The Markdown body split by language (for a sentence about a named ingredient or tool). */
  body: Bilingual;
}

export interface DialogueDish {
  slug: string;
  name: Bilingual;
}

/** The cook's session the question is about (when there is one). */
export interface DialogueSession {
  attemptNumber: number;
  dish: DialogueDish;
  analysis: AnalysisResult | null;
  /** Per-second signals, when ingest measured them. */
  signals: SecondSignal[];
}

export interface DialogueContext {
  question: string;
  learnerName: string;
  /** Every dish the knowledge base knows (to recognise a dish named in the question). */
  dishes: DialogueDish[];
  /** Published principles that may answer it (the dish's and the general ones). */
  principles: DialoguePrinciple[];
  /** Slugs the embedding search ranked for the question, best first (optional boost). */
  retrievedSlugs?: string[];
  session: DialogueSession | null;
}

export interface TimeReference {
  /** As the cook wrote it: "0:04", "when I added the rice". */
  text: string;
  /** Seconds in the video when the cook named a time. */
  seconds?: number;
  /** The event the cook named ("when I added the rice" → ingredient_added). */
  eventType?: string;
}

export interface Entities {
  dish?: DialogueDish;
  ingredients: Array<{ key: string; name: Bilingual }>;
  tools: Array<{ key: string; name: Bilingual }>;
  time?: TimeReference;
}

/** A moment in the cook's video the answer points at. */
export interface ResolvedMoment {
  seconds: number;
  label: Bilingual;
  /** Sizzle rise over the 3 s before, in dB, when signals exist. */
  sizzleRiseDb?: number;
  motion?: number;
}

export interface DialogueReply {
  lang: Lang;
  intent: Intent;
  entities: Entities;
  /** False: the manager could not answer and the question goes to a human coach. */
  answered: boolean;
  /** Why it went to a coach (for the console), when it did. */
  handOverReason?: 'no_principle' | 'safety' | 'asked_for_coach' | 'no_session' | 'moment_not_found' | 'off_topic';
  body: string;
  principleSlugs: string[];
  moment?: ResolvedMoment;
}
