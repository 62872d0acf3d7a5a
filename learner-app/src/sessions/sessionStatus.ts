import type { TFunction } from 'i18next';
import type { Bilingual, SessionStatus } from '../api/types';

/** The five steps a cook sees: uploaded → analysing → coaching text → video in review → delivered. */
export const STEPS = ['uploaded', 'analyzing', 'coachingText', 'inReview', 'delivered'] as const;
export type Step = (typeof STEPS)[number];

/** How many steps are complete for a status (failed: where it stopped, from the failed stage). */
export function completedSteps(status: SessionStatus, failedStage?: string | null): number {
  switch (status) {
    case 'created':
    case 'uploading':
      return 0;
    case 'uploaded':
    case 'ingesting':
    case 'transcribing':
    case 'analyzing':
    case 'retrieving':
    case 'coaching':
      return 1;
    case 'narrating':
    case 'rendering':
    case 'in_review':
      return 3;
    case 'delivered':
      return 5;
    case 'failed':
      return failedStage && ['narrate', 'render', 'deliver'].includes(failedStage) ? 3 : failedStage === 'upload' ? 0 : 1;
  }
}

export function isInFlight(status: SessionStatus): boolean {
  return status !== 'delivered' && status !== 'failed';
}

export function bilingual(value: Bilingual | undefined | null, language: string): string {
  if (!value) return '';
  return language.startsWith('en') ? value.en : value.ja;
}

/** "炒飯 3回目のセッション" / "Session 3 of fried rice". */
export function sessionLabel(t: TFunction, language: string, dish: Bilingual, attemptNumber: number): string {
  const name = language.startsWith('en') ? dish.en.toLowerCase() : dish.ja;
  return t('dish.session', { dish: name, n: attemptNumber });
}
