import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link, Title, useLocaleState, useTranslate } from 'react-admin';
import { ApiErrorAlert } from '../errors/ApiErrorAlert';
import { postJson, useApi } from './api';
import type { RetrievalResult, SessionChoice } from './types';
import { useFormOptions } from './useFormOptions';

const T = (key: string) => `ajimi.knowledge.tester.${key}`;

/**
 * Asks the API to run the pipeline's own retrieval for a question (optionally for one dish) or for
 * a real session, and shows the chunks with their scores.
 */
export const RetrievalTester = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { dishChoices } = useFormOptions();
  const { data: sessions } = useApi<SessionChoice[]>('/retrieval/sessions');
  const [question, setQuestion] = useState('');
  const [dish, setDish] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [result, setResult] = useState<RetrievalResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const title = (t: { ja: string; en: string }) => (locale === 'en' ? t.en : t.ja);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    try {
      setResult(await postJson<RetrievalResult>('/retrieval', sessionId ? { sessionId } : { question, ...(dish ? { dish } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const kept = new Set(result?.principles.map((p) => `${p.principleId}:${p.chunkIndex}`) ?? []);

  return (
    <Box sx={{ mt: 2, maxWidth: 1200 }}>
      <Title title={T('title')} />
      <Card>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate(T('intro'))}
          </Typography>
          <Stack component="form" onSubmit={run} spacing={2}>
            <TextField
              label={translate(T('question'))}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              disabled={Boolean(sessionId)}
              multiline
              minRows={2}
              inputProps={{ 'data-testid': 'retrieval-question', maxLength: 2000 }}
            />
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
              <TextField select label={translate(T('dish'))} value={dish} onChange={(e) => setDish(e.target.value)} disabled={Boolean(sessionId)} sx={{ minWidth: 220 }} SelectProps={{ SelectDisplayProps: { 'data-testid': 'retrieval-dish' } as object }}>
                <MenuItem value="">{translate(T('any_dish'))}</MenuItem>
                {dishChoices.map((d) => (
                  <MenuItem key={d.id} value={d.id}>
                    {d.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select label={translate(T('session'))} value={sessionId} onChange={(e) => setSessionId(e.target.value)} sx={{ minWidth: 360 }}>
                <MenuItem value="">{translate(T('no_session'))}</MenuItem>
                {(sessions ?? []).map((s) => (
                  <MenuItem key={s.id} value={s.id}>
                    {translate(T('session_label'), { cook: s.cook, dish: title(s.dish), n: s.attemptNumber })}
                  </MenuItem>
                ))}
              </TextField>
              <Button type="submit" variant="contained" disabled={running || (!sessionId && !question.trim())} data-testid="retrieval-run" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                {translate(running ? T('running') : T('run'))}
              </Button>
            </Stack>
          </Stack>
          {running && <LinearProgress sx={{ mt: 2 }} aria-label={translate('ra.page.loading')} />}
          {error !== null && <ApiErrorAlert error={error} />}
        </CardContent>
      </Card>

      {result && (
        <Card sx={{ mt: 2 }} data-testid="retrieval-results">
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {translate(T('query'))}: <code style={{ whiteSpace: 'pre-wrap' }}>{result.query}</code>
            </Typography>
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {translate(T('model'))}: {result.model}
            </Typography>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {translate(T('kept'))}
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 2 }}>
              {result.principles.map((p) => (
                <Chip key={p.principleId} color="primary" component={Link} to={`/principles/${p.principleId}`} clickable label={`${title(p.title)} · ${p.score.toFixed(3)}`} />
              ))}
            </Stack>
            {result.chunks.length === 0 ? (
              <Alert severity="info">{translate(T('none'))}</Alert>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate(T('rank'))}</TableCell>
                    <TableCell>{translate(T('principle'))}</TableCell>
                    <TableCell>{translate(T('chunk'))}</TableCell>
                    <TableCell sx={{ minWidth: 120 }}>{translate(T('score'))}</TableCell>
                    <TableCell>{translate(T('text'))}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.chunks.map((c, i) => (
                    <TableRow key={`${c.principleId}:${c.chunkIndex}`} selected={kept.has(`${c.principleId}:${c.chunkIndex}`)} data-testid="retrieval-chunk">
                      <TableCell>{i + 1}</TableCell>
                      <TableCell>
                        <Link to={`/principles/${c.principleId}`}>{title(c.title)}</Link>
                        <Typography variant="caption" display="block" color="text.secondary">
                          {c.slug}
                        </Typography>
                      </TableCell>
                      <TableCell>{c.chunkIndex}</TableCell>
                      <TableCell>
                        <Typography variant="body2">{c.score.toFixed(4)}</Typography>
                        <LinearProgress variant="determinate" value={Math.max(0, Math.min(100, c.score * 100))} aria-label={`${translate(T('score'))} ${c.score.toFixed(4)}`} />
                      </TableCell>
                      <TableCell>
                        <Typography variant="caption" component="div" sx={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }} tabIndex={0}>
                          {c.content}
                        </Typography>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {result.session && (
              <Box sx={{ mt: 2 }}>
                <Typography variant="subtitle2">{translate(T('stored'))}</Typography>
                {result.session.stored ? (
                  <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
                    {result.session.stored.principles.map((p) => (
                      <Chip key={p.principleId} variant="outlined" label={`${p.slug} · ${p.score.toFixed(3)}`} />
                    ))}
                  </Stack>
                ) : (
                  <Typography variant="body2" color="text.secondary">
                    {translate(T('stored_none'))}
                  </Typography>
                )}
              </Box>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
};
