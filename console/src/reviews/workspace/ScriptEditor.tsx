import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import PlayCircleIcon from '@mui/icons-material/PlayCircleOutline';
import { Alert, Box, Button, Card, CardContent, Chip, FormHelperText, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { MAX_PART2_LINES, type LineId } from '../script';
import { CUES, type Bilingual, type Cue, type NarrationScript } from '../types';

/** Problems to show under a line: already translated, or the server's own words. */
export type LineIssues = Partial<Record<string, string[]>>;

interface BilingualFieldsProps {
  lineId: LineId;
  value: Bilingual;
  onChange: (value: Bilingual) => void;
  readOnly: boolean;
  error: boolean;
}

const BilingualFields = ({ lineId, value, onChange, readOnly, error }: BilingualFieldsProps) => {
  const translate = useTranslate();
  return (
    <Stack direction={{ xs: 'column', lg: 'row' }} spacing={1} sx={{ flexGrow: 1 }}>
      {(['ja', 'en'] as const).map((lang) => (
        <TextField
          key={lang}
          label={translate(`ajimi.reviews.script.line_${lang}`)}
          name={`${lineId}.${lang}`}
          value={value[lang]}
          onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
          slotProps={{ input: { readOnly }, htmlInput: { lang, 'data-line-field': `${lineId}.${lang}` } }}
          error={error}
          multiline
          minRows={1}
          maxRows={6}
          size="small"
          fullWidth
        />
      ))}
    </Stack>
  );
};

const Issues = ({ lineId, issues }: { lineId: string; issues: string[] | undefined }) =>
  issues && issues.length > 0 ? (
    <Box data-line-issues={lineId}>
      {issues.map((text, i) => (
        <FormHelperText key={i} error>
          {text}
        </FormHelperText>
      ))}
    </Box>
  ) : null;

const LineBlock = ({ label, lineId, issues, children }: { label: string; lineId: LineId; issues: LineIssues; children: ReactNode }) => (
  <Box data-line-id={lineId} sx={{ py: 1, borderLeft: 3, borderColor: issues[lineId]?.length ? 'error.main' : 'transparent', pl: 1 }}>
    <Typography variant="subtitle2" gutterBottom>
      {label}
    </Typography>
    {children}
    <Issues lineId={lineId} issues={issues[lineId]} />
  </Box>
);

export interface ScriptEditorProps {
  script: NarrationScript;
  onChange: (script: NarrationScript) => void;
  issues: LineIssues;
  /** Issues that name no line (e.g. the clip runs past the video). */
  generalIssues: string[];
  readOnly: boolean;
  dirty: boolean;
  baseVersion: number | null;
  onReset: () => void;
  onSeekOffset: (offset: number) => void;
}

/** Part 1, diagnosis, pivot, and the Part 2 lines with their offsets inside the clip. */
export const ScriptEditor = ({ script, onChange, issues, generalIssues, readOnly, dirty, baseVersion, onReset, onSeekOffset }: ScriptEditorProps) => {
  const translate = useTranslate();
  const t = (key: string) => translate(`ajimi.reviews.script.${key}`);
  const setPart2 = (part2: NarrationScript['part2']) => onChange({ ...script, part2 });
  const updateLine = (i: number, patch: Partial<NarrationScript['part2'][number]>) =>
    setPart2(script.part2.map((line, j) => (j === i ? { ...line, ...patch } : line)));
  const addLine = () => {
    // A new line goes before the closing rule, halfway between its neighbours.
    const rule = script.part2[script.part2.length - 1];
    const prev = script.part2[script.part2.length - 2];
    const offset = rule ? Math.round((((prev?.offset ?? 0) + rule.offset) / 2) * 10) / 10 : 0;
    const line = { offset, text: { ja: '', en: '' }, cue: 'sight' as Cue };
    setPart2(rule ? [...script.part2.slice(0, -1), line, rule] : [line]);
  };

  return (
    <Card>
      <CardContent>
        <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2">
            {t('title')}
          </Typography>
          {dirty ? (
            <Chip size="small" color="warning" label={t('unsaved')} data-testid="script-dirty" />
          ) : (
            baseVersion !== null && <Chip size="small" variant="outlined" label={translate('ajimi.reviews.script.saved', { version: baseVersion })} />
          )}
          <Box sx={{ flexGrow: 1 }} />
          {dirty && !readOnly && (
            <Button size="small" onClick={onReset}>
              {t('reset')}
            </Button>
          )}
        </Stack>
        {generalIssues.length > 0 && (
          <Alert severity="error" sx={{ mb: 1 }} data-line-issues="general">
            {generalIssues.map((text, i) => (
              <div key={i}>{text}</div>
            ))}
          </Alert>
        )}

        <Typography variant="overline">{t('part1')}</Typography>
        <LineBlock label={t('intro')} lineId="part1.intro" issues={issues}>
          <BilingualFields lineId="part1.intro" value={script.part1.intro} readOnly={readOnly} error={!!issues['part1.intro']?.length} onChange={(intro) => onChange({ ...script, part1: { ...script.part1, intro } })} />
        </LineBlock>
        <LineBlock label={t('principle')} lineId="part1.principle" issues={issues}>
          <BilingualFields lineId="part1.principle" value={script.part1.principle} readOnly={readOnly} error={!!issues['part1.principle']?.length} onChange={(principle) => onChange({ ...script, part1: { ...script.part1, principle } })} />
        </LineBlock>
        <LineBlock label={t('diagnosis')} lineId="diagnosis" issues={issues}>
          <BilingualFields lineId="diagnosis" value={script.diagnosis} readOnly={readOnly} error={!!issues.diagnosis?.length} onChange={(diagnosis) => onChange({ ...script, diagnosis })} />
        </LineBlock>
        <LineBlock label={t('pivot')} lineId="pivot" issues={issues}>
          <BilingualFields lineId="pivot" value={script.pivot} readOnly={readOnly} error={!!issues.pivot?.length} onChange={(pivot) => onChange({ ...script, pivot })} />
        </LineBlock>

        <Typography variant="overline" component="p" sx={{ mt: 1 }}>
          {t('part2')}
        </Typography>
        {script.part2.map((line, i) => {
          const lineId: LineId = `part2.${i}`;
          return (
            <LineBlock key={i} label={`${i + 1}`} lineId={lineId} issues={issues}>
              <Stack direction="row" spacing={1} alignItems="flex-start">
                <Stack spacing={1} sx={{ width: 120, flexShrink: 0 }}>
                  <TextField
                    label={t('offset')}
                    type="number"
                    size="small"
                    name={`${lineId}.offset`}
                    value={Number.isFinite(line.offset) ? line.offset : ''}
                    onChange={(e) => updateLine(i, { offset: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
                    slotProps={{ input: { readOnly }, htmlInput: { step: 0.1, min: 0, max: 60 } }}
                  />
                  <TextField select label={t('cue')} size="small" name={`${lineId}.cue`} value={line.cue} onChange={(e) => updateLine(i, { cue: e.target.value as Cue })} disabled={readOnly}>
                    {CUES.map((cue) => (
                      <MenuItem key={cue} value={cue}>
                        {translate(`ajimi.reviews.script.cues.${cue}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                </Stack>
                <BilingualFields lineId={lineId} value={line.text} readOnly={readOnly} error={!!issues[lineId]?.length} onChange={(text) => updateLine(i, { text })} />
                <Stack>
                  <Tooltip title={t('seek_line')}>
                    <IconButton size="small" aria-label={t('seek_line')} onClick={() => onSeekOffset(line.offset)}>
                      <PlayCircleIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  {!readOnly && script.part2.length > 1 && (
                    <Tooltip title={t('remove_line')}>
                      <IconButton size="small" aria-label={t('remove_line')} onClick={() => setPart2(script.part2.filter((_, j) => j !== i))}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                </Stack>
              </Stack>
            </LineBlock>
          );
        })}
        {!readOnly && script.part2.length < MAX_PART2_LINES && (
          <Button startIcon={<AddIcon />} size="small" onClick={addLine}>
            {t('add_line')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
};
