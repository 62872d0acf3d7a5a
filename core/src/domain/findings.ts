/**
 * The rubric's vocabulary: what the local analyzer can detect from the signals (and the cook's
 * note and ratings), and what a principle in knowledge/ says it addresses (`addresses:`).
 * Gemini's diagnosis is mapped to the same codes so retrieval works the same for both.
 */
export const FINDING_CODES = [
  'pan_not_hot', // ingredients went in and the sizzle stayed weak: the pan or oil was not hot enough
  'heat_dropped', // the sizzle collapsed after adding: too much at once, or heat turned down
  'not_moving', // long stretches without stirring/tossing while it fries: uneven, scorching
  'moved_too_much', // constant stirring where the food needs contact to brown (searing, gyoza)
  'too_long_on_heat', // hot frying went on well past what the dish needs: dry, tough, burnt
  'too_short', // the whole cook was far shorter than the dish needs: raw or pale
  'heat_too_low', // little sizzle through the whole cook: steaming instead of frying
  'scorch_risk', // loud, harsh sizzle with no movement towards the end
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export const SENSES = ['sight', 'sound', 'texture'] as const;
export type Sense = (typeof SENSES)[number];
