import type { StaffRole } from '../roles';

export type SectionKey =
  | 'review_queue'
  | 'coach_chat'
  | 'knowledge_base'
  | 'retrieval_test'
  | 'dishes'
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
  // The review queue has its own live card above these (reviews/QueueSummaryCard).
  coach: [{ key: 'coach_chat', to: '/cooks' }],
  content: [
    { key: 'knowledge_base', to: '/principles' },
    { key: 'retrieval_test', to: '/retrieval-tester' },
    { key: 'dishes', to: '/dishes' },
  ],
  admin: [
    { key: 'users', to: '/users' },
    { key: 'operations', to: '/operations' },
    { key: 'coach_chat', to: '/cooks' },
    { key: 'knowledge_base', to: '/principles' },
  ],
};
