import type { StaffRole } from '../roles';

export type SectionKey =
  | 'review_queue'
  | 'coach_chat'
  | 'knowledge_base'
  | 'retrieval_test'
  | 'users'
  | 'operations';

export interface DashboardSection {
  key: SectionKey;
  /** Present when the feature exists in this build: where to open it. */
  to?: string;
}

/**
 * What each role will do in the console (from the design guide, "People and what they do").
 * Only sections with `to` exist today; the rest are described as coming.
 */
export const sectionsByRole: Record<StaffRole, DashboardSection[]> = {
  coach: [{ key: 'review_queue' }, { key: 'coach_chat' }],
  content: [{ key: 'knowledge_base' }, { key: 'retrieval_test' }],
  admin: [{ key: 'users', to: '/users' }, { key: 'operations' }],
};
