import { Alert, Box, Card, CardContent, Stack, Tooltip, Typography } from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { useRef } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { AnalysisTimeline } from '@ajimi/core/contracts/analysis-timeline';
import { formatClock } from '../turnaround';
import { heatPath, laneSpans, largestHeatChange } from './evidence-layout';
import { useElementWidth } from './useElementWidth';

const HEAT_HEIGHT = 56;
const LANE_HEIGHT = 18;
const LANE_GAP = 3;
const MAX_LANES = 6;

export interface EvidenceTimelineProps {
  analysis: AnalysisTimeline;
  /** Seconds: the video's length (the same axis as the timeline above). */
  duration: number;
  currentTime: number;
  onSeek: (t: number) => void;
}

/**
 * What the analysis rests on, under the video's time axis: the heat curve from the sizzle with the
 * cooking stretch shaded and the key moments' instants marked, then every evidence span (the
 * measured signal behind a claim) as a bar; clicking a bar seeks the video to its start.
 */
export const EvidenceTimeline = ({ analysis, duration, currentTime, onSeek }: EvidenceTimelineProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const theme = useTheme();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const lang = locale === 'ja' ? 'ja' : 'en';
  const d = Math.max(duration, 0.001);
  const pct = (t: number) => `${(Math.min(1, Math.max(0, t / d)) * 100).toFixed(3)}%`;
  const spans = laneSpans(analysis.spans, d / 100).filter((s) => s.lane < MAX_LANES);
  const lanes = spans.reduce((n, s) => Math.max(n, s.lane + 1), 0);
  const change = analysis.heat ? largestHeatChange(analysis.heat) : null;
  const claimColor = { diagnosis: theme.palette.error.main, finding: theme.palette.warning.main, moment: theme.palette.info.main, seen: theme.palette.text.secondary } as const;
  const signalName = (signal: string) => translate(`ajimi.labels.evidence.signal.${signal}`, { _: signal });

  return (
    <Card data-testid="evidence-timeline">
      <CardContent sx={{ py: '8px !important' }}>
        <Stack direction="row" spacing={1} alignItems="baseline" sx={{ mb: 0.5 }}>
          <Typography variant="subtitle2" component="h2">
            {translate('ajimi.labels.evidence.title')}
          </Typography>
          {analysis.sampling && (
            <Typography variant="caption" color="text.secondary">
              {translate('ajimi.labels.evidence.sampling', { step: analysis.sampling.eventStepSec ?? analysis.sampling.stepSec, mode: translate(`ajimi.labels.evidence.mode.${analysis.sampling.mode}`, { _: analysis.sampling.mode }) })}
            </Typography>
          )}
        </Stack>
        {analysis.abstain && (
          <Alert severity="warning" sx={{ mb: 1, py: 0 }} data-testid="evidence-abstain">
            {translate('ajimi.labels.evidence.abstained')} {analysis.abstain.message[lang]}
          </Alert>
        )}
        <Box ref={box} sx={{ position: 'relative', width: '100%' }}>
          {/* The heat curve (or a line saying there was no sound to read it from). */}
          <Box sx={{ position: 'relative', height: HEAT_HEIGHT, bgcolor: alpha(theme.palette.text.primary, 0.04) }} data-testid="evidence-heat">
            {analysis.cooking && (
              <Tooltip title={translate(analysis.cooking.startSeen && analysis.cooking.stopSeen ? 'ajimi.labels.evidence.cooking' : 'ajimi.labels.evidence.cooking_open', { start: formatClock(analysis.cooking.start, 0), end: formatClock(analysis.cooking.end, 0) })}>
                <Box
                  data-testid="evidence-cooking"
                  sx={{ position: 'absolute', top: 0, bottom: 0, left: pct(analysis.cooking.start), width: `calc(${pct(analysis.cooking.end)} - ${pct(analysis.cooking.start)})`, bgcolor: alpha(theme.palette.success.main, 0.12) }}
                />
              </Tooltip>
            )}
            {analysis.heat && width > 0 ? (
              <svg width={width} height={HEAT_HEIGHT} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }} role="img" aria-label={translate('ajimi.labels.evidence.heat')}>
                <path d={heatPath(analysis.heat, d, width, HEAT_HEIGHT - 4)} transform="translate(0 2)" fill="none" stroke={theme.palette.error.main} strokeWidth={2} />
              </svg>
            ) : (
              !analysis.heat && (
                <Typography variant="caption" color="text.secondary" sx={{ position: 'absolute', left: 8, top: 4 }}>
                  {translate('ajimi.labels.evidence.no_sound')}
                </Typography>
              )
            )}
            {analysis.moments.map((m, i) =>
              m.at === null ? null : (
                <Tooltip key={i} title={`${formatClock(m.at, 2)} ${m.reason[lang]}`}>
                  <Box data-testid="evidence-moment" data-at={m.at} sx={{ position: 'absolute', top: 0, bottom: 0, left: pct(m.at), width: 3, ml: '-1px', bgcolor: theme.palette.info.main, cursor: 'pointer' }} onClick={() => onSeek(m.at!)} />
                </Tooltip>
              ),
            )}
            <Box aria-hidden sx={{ position: 'absolute', top: 0, bottom: 0, left: pct(currentTime), width: 0, borderLeft: `1px solid ${theme.palette.text.primary}` }} />
            <Typography variant="caption" sx={{ position: 'absolute', right: 4, top: 2, color: 'text.secondary' }}>
              {translate('ajimi.labels.evidence.heat')}
            </Typography>
          </Box>
          {change && (
            <Typography variant="caption" color="text.secondary" data-testid="evidence-heat-change">
              {translate(change.to < change.from ? 'ajimi.labels.evidence.heat_fell' : 'ajimi.labels.evidence.heat_rose', { time: formatClock(change.t, 0), from: change.from, to: change.to })}
            </Typography>
          )}
          {/* Evidence spans, one lane per overlap. */}
          <Box sx={{ position: 'relative', height: lanes * (LANE_HEIGHT + LANE_GAP), mt: 0.5 }}>
            {spans.map((s, i) => (
              <Tooltip key={i} title={`${formatClock(s.start, 1)}–${formatClock(s.end, 1)} · ${signalName(s.signal)}: ${s.text[lang]}`}>
                <Box
                  component="button"
                  type="button"
                  data-testid="evidence-span"
                  data-start={s.start}
                  data-claim={s.claim}
                  aria-label={`${translate(`ajimi.labels.evidence.claim.${s.claim}`)} ${formatClock(s.start, 1)}: ${s.text[lang]}`}
                  onClick={() => onSeek(s.start)}
                  sx={{
                    position: 'absolute',
                    top: s.lane * (LANE_HEIGHT + LANE_GAP),
                    height: LANE_HEIGHT,
                    left: pct(s.start),
                    width: `calc(${pct(s.drawEnd)} - ${pct(s.start)})`,
                    minWidth: 6,
                    p: 0,
                    px: 0.5,
                    border: 0,
                    borderRadius: 0.5,
                    overflow: 'hidden',
                    whiteSpace: 'nowrap',
                    textOverflow: 'ellipsis',
                    textAlign: 'left',
                    font: 'inherit',
                    fontSize: 11,
                    lineHeight: `${LANE_HEIGHT}px`,
                    color: theme.palette.getContrastText(claimColor[s.claim]),
                    bgcolor: alpha(claimColor[s.claim], 0.85),
                    cursor: 'pointer',
                    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 1 },
                  }}
                >
                  {signalName(s.signal)}
                </Box>
              </Tooltip>
            ))}
          </Box>
          {analysis.spans.length === 0 && (
            <Typography variant="caption" color="text.secondary">
              {translate('ajimi.labels.evidence.no_spans')}
            </Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
};
