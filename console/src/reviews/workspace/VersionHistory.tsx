import { Box, Button, Card, CardContent, Chip, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { diffScripts, scriptLines, type LineDiff } from '../diff';
import type { Draft } from '../script';
import type { ScriptVersion } from '../types';

const CURRENT = 'current';

const DiffLine = ({ line }: { line: LineDiff }) => (
  <Box
    component="li"
    data-diff-kind={line.kind}
    sx={{
      listStyle: 'none',
      fontSize: 13,
      py: 0.25,
      px: 0.5,
      borderLeft: 3,
      borderColor: line.kind === 'same' ? 'transparent' : line.kind === 'removed' ? 'error.main' : 'success.main',
      opacity: line.kind === 'same' ? 0.6 : 1,
    }}
  >
    <Typography component="span" variant="caption" color="text.secondary" sx={{ mr: 1, fontFamily: 'monospace' }}>
      {line.key}
    </Typography>
    {line.parts.map((part, i) =>
      part.kind === 'same' ? (
        <span key={i}>{part.text}</span>
      ) : part.kind === 'added' ? (
        <Box key={i} component="ins" sx={{ bgcolor: 'success.light', color: 'success.contrastText', textDecoration: 'none', borderRadius: 0.5, mx: 0.25 }}>
          {part.text}
        </Box>
      ) : (
        <Box key={i} component="del" sx={{ bgcolor: 'error.light', color: 'error.contrastText', borderRadius: 0.5, mx: 0.25 }}>
          {part.text}
        </Box>
      ),
    )}
  </Box>
);

/**
 * Every script version (AI drafts and coach edits) and a line/word diff of the selected one
 * (or the unsaved draft) against the AI draft it started from.
 */
export const VersionHistory = ({ scripts, draft, dirty, onLoad, readOnly }: { scripts: ScriptVersion[]; draft: Draft | null; dirty: boolean; onLoad: (v: ScriptVersion) => void; readOnly: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [selected, setSelected] = useState<string>(CURRENT);
  const [onlyChanges, setOnlyChanges] = useState(true);
  const sorted = [...scripts].sort((a, b) => b.version - a.version);
  const chosen = selected === CURRENT ? null : sorted.find((s) => String(s.version) === selected);
  const compared: Draft | null = chosen ? { script: chosen.content, keyMoment: chosen.keyMoment } : draft;
  const comparedVersion = chosen?.version ?? Number.POSITIVE_INFINITY;
  const base = sorted.find((s) => s.author === 'ai' && s.version <= comparedVersion) ?? sorted[sorted.length - 1];
  const diff = compared && base ? diffScripts(scriptLines(base.content, base.keyMoment), scriptLines(compared.script, compared.keyMoment)) : [];
  const changed = diff.filter((d) => d.kind !== 'same');

  return (
    <Card data-testid="versions">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('ajimi.reviews.versions.title')}
        </Typography>
        <Stack spacing={0.5} sx={{ mb: 1 }}>
          {dirty && (
            <Chip
              label={translate('ajimi.reviews.script.unsaved')}
              color={selected === CURRENT ? 'primary' : 'default'}
              onClick={() => setSelected(CURRENT)}
              sx={{ alignSelf: 'flex-start' }}
            />
          )}
          {sorted.map((s) => (
            <Box key={s.version} data-version={s.version}>
              <Stack direction="row" spacing={1} alignItems="center">
                <Chip
                  size="small"
                  color={selected === String(s.version) || (!dirty && selected === CURRENT && s === sorted[0]) ? 'primary' : 'default'}
                  label={translate('ajimi.reviews.versions.version', { version: s.version })}
                  onClick={() => setSelected(String(s.version))}
                />
                <Typography variant="body2" sx={{ flexGrow: 1 }}>
                  {s.author === 'ai' ? translate('ajimi.reviews.versions.ai') : translate('ajimi.reviews.versions.author_coach', { name: s.author.name })}
                  {' · '}
                  {new Date(s.createdAt).toLocaleString(locale)}
                  {' · '}
                  {translate('ajimi.reviews.versions.clip', { start: s.keyMoment.start.toFixed(1), end: s.keyMoment.end.toFixed(1) })}
                </Typography>
                {!readOnly && (
                  <Button size="small" onClick={() => onLoad(s)}>
                    {translate('ajimi.reviews.versions.load')}
                  </Button>
                )}
              </Stack>
              {s.instructions && (
                <Typography variant="caption" color="text.secondary" component="p" sx={{ pl: 6 }}>
                  {translate('ajimi.reviews.versions.instructions', { text: s.instructions })}
                </Typography>
              )}
              {s.instructionsReport && s.instructionsReport.applied.length > 0 && (
                <Typography variant="caption" color="success.main" component="p" sx={{ pl: 6 }} data-testid="instructions-applied">
                  {translate('ajimi.reviews.versions.applied', {
                    text: s.instructionsReport.applied
                      .map((a) => translate('ajimi.reviews.versions.applied_item', { source: a.source, kind: translate(`ajimi.reviews.versions.applied_kind.${a.kind}`, { _: a.kind }) }))
                      .join(' / '),
                  })}
                </Typography>
              )}
              {s.instructionsReport && s.instructionsReport.notApplied.length > 0 && (
                <Typography variant="caption" color="warning.main" component="p" sx={{ pl: 6 }} data-testid="instructions-not-applied">
                  {translate('ajimi.reviews.versions.not_applied', { text: s.instructionsReport.notApplied.join(' / ') })}
                </Typography>
              )}
            </Box>
          ))}
        </Stack>
        {base && compared && (
          <>
            <Stack direction="row" alignItems="center" spacing={1}>
              <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
                {translate('ajimi.reviews.versions.diff_title', { version: chosen?.version ?? '*', base: base.version })}
              </Typography>
              <ToggleButtonGroup size="small" exclusive value={onlyChanges ? 'changes' : 'all'} onChange={(_, v: string | null) => v && setOnlyChanges(v === 'changes')}>
                <ToggleButton value="changes">±</ToggleButton>
                <ToggleButton value="all">≡</ToggleButton>
              </ToggleButtonGroup>
            </Stack>
            {changed.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {translate('ajimi.reviews.versions.no_changes')}
              </Typography>
            ) : (
              <Box component="ul" sx={{ p: 0, m: 0, mt: 1 }} data-testid="script-diff">
                {(onlyChanges ? changed : diff).map((line) => (
                  <DiffLine key={line.key} line={line} />
                ))}
              </Box>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
};
