import { ListItemText } from '@mui/material';
import { useTranslate } from 'react-admin';

const SEGMENT_LABEL: Record<string, string> = {
  intro: 'part1',
  diagnosis: 'diagnosis',
  pivot: 'pivot',
  clip: 'part2',
};

/** One narration line of the preview's timeline: its text, its part, where it starts and how long it runs. */
export const PreviewLineText = ({ segmentKind, text, at, durationSec }: { segmentKind: string; text: string; at: number; durationSec: number }) => {
  const translate = useTranslate();
  return (
    <ListItemText
      primary={text}
      secondary={`${translate(`ajimi.reviews.script.${SEGMENT_LABEL[segmentKind] ?? 'part2'}`)} · ${at.toFixed(1)} s · ${durationSec.toFixed(1)} s`}
      slotProps={{ primary: { variant: 'body2' } }}
    />
  );
};
