/** The coaching video: the timeline spec (the single source of truth for preview and render). */
export * from './timeline-spec';
export { buildTimeline, planMontage, segmentHash, canonicalJson, DEFAULT_TIMELINE_LAYOUT, MIN_CLIP_SEC } from './build-timeline';
export type { BuildTimelineInput, BuildTimelineResult, TimelineLayout, TimelineLocale, TimelineTts } from './build-timeline';
