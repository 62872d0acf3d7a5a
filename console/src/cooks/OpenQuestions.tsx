import { Alert, Box, Chip, List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useLocaleState } from 'react-admin';
import { Link } from 'react-router-dom';
import { useApi } from '../knowledge/api';

interface OpenQuestion {
  handOverMessageId: string;
  question: string;
  reason: string | null;
  roomId: string;
  cook: { id: string; name: string };
  ageMinutes: number;
}

const TEXT = {
  ja: { title: 'コーチへの質問（未回答）', none: '未回答の質問はありません。', error: '質問の一覧を読み込めませんでした。' },
  en: { title: 'Questions for a coach (unanswered)', none: 'No unanswered questions.', error: 'Could not load the questions.' },
};
const REASONS: Record<string, { ja: string; en: string }> = {
  safety: { ja: '安全・健康', en: 'safety / health' },
  asked_for_coach: { ja: 'コーチを希望', en: 'asked for a coach' },
  no_principle: { ja: '原則にない', en: 'not in the principles' },
  no_session: { ja: 'セッション不明', en: 'no session' },
  moment_not_found: { ja: '場面が見つからない', en: 'moment not found' },
  off_topic: { ja: '料理以外', en: 'off topic' },
};

function age(minutes: number, ja: boolean): string {
  if (minutes < 60) return ja ? `${minutes}分前` : `${minutes} min ago`;
  if (minutes < 48 * 60) return ja ? `${Math.floor(minutes / 60)}時間前` : `${Math.floor(minutes / 60)} h ago`;
  return ja ? `${Math.floor(minutes / 1440)}日前` : `${Math.floor(minutes / 1440)} days ago`;
}

/** Questions the AI handed to a coach, oldest first, with their age; a row opens the cook's chat. */
export const OpenQuestions = () => {
  const [locale] = useLocaleState();
  const ja = locale !== 'en';
  const t = TEXT[ja ? 'ja' : 'en'];
  const { data, error } = useApi<{ questions: OpenQuestion[] }>('/questions', { every: 30_000 });
  return (
    <Box sx={{ mt: 2 }} data-testid="open-questions">
      <Typography variant="h6">{t.title}</Typography>
      {error && <Alert severity="error">{t.error}</Alert>}
      {data && !data.questions.length && <Typography color="text.secondary">{t.none}</Typography>}
      <List dense>
        {data?.questions.map((q) => (
          // A list holds list items: the link sits inside one (axe "list").
          <ListItem key={q.handOverMessageId} disablePadding>
            <ListItemButton component={Link} to={`/cooks/${q.cook.id}/show`}>
              <ListItemText primary={q.question} secondary={`${q.cook.name} · ${age(q.ageMinutes, ja)}`} />
              {q.reason && REASONS[q.reason] && <Chip size="small" label={REASONS[q.reason]![ja ? 'ja' : 'en']} />}
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
