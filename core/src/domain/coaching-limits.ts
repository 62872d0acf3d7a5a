/**
 * The shortest clip the analyzer will coach: an action and its effect on the pan take seconds.
 * Shared by the analyzer's cooking gate and the learner app's Cook Cam, so both say the same.
 */
export const MIN_COACHABLE_CLIP_SEC = 5;
