import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Collapse from '@mui/material/Collapse';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual, Message } from '../api/types';
import { Markdown } from '../markdown/Markdown';
import { bilingual } from '../sessions/sessionStatus';

interface CoachingContent {
  header: { date: string; attemptNumber: number; dish: Bilingual };
  problem: Bilingual;
  skill: Bilingual;
  nextSteps: Bilingual[];
  successSigns: Bilingual[];
}

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === 'object' && v !== null && typeof (v as Bilingual).ja === 'string' && typeof (v as Bilingual).en === 'string';
}

/** The structured sections of a coaching_text message (core/src/services/coaching/coaching-content.ts), when present and sound. */
export function coachingContent(message: Message): CoachingContent | null {
  const c = message.payload.content as Partial<CoachingContent> | undefined;
  if (!c || typeof c !== 'object') return null;
  const h = c.header;
  if (!h || typeof h.date !== 'string' || typeof h.attemptNumber !== 'number' || !isBilingual(h.dish)) return null;
  if (!isBilingual(c.problem) || !isBilingual(c.skill)) return null;
  if (!Array.isArray(c.nextSteps) || !c.nextSteps.every(isBilingual) || !Array.isArray(c.successSigns) || !c.successSigns.every(isBilingual)) return null;
  return c as CoachingContent;
}

interface Correction {
  version: number;
  correctedAt: string;
  earlier: Array<{ version: number; body: string; at: string }>;
}

/** A coach's correction of a coaching_text message (core/src/services/review/correct-coaching-text.ts), when present and sound. */
export function coachingCorrection(message: Message): Correction | null {
  const c = message.payload.correction as Partial<Correction> | undefined;
  if (!c || typeof c !== 'object' || typeof c.version !== 'number' || typeof c.correctedAt !== 'string' || !Array.isArray(c.earlier)) return null;
  if (!c.earlier.every((v) => typeof v?.version === 'number' && typeof v.body === 'string' && typeof v.at === 'string')) return null;
  return c as Correction;
}

/** The corrected text, marked as the coach's, with the earlier versions one tap away. */
function CorrectedBody({ message, correction }: { message: Message; correction: Correction }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language.startsWith('en') ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <>
      <Box sx={{ px: 2, py: 1.25, bgcolor: 'primary.main', color: 'primary.contrastText', display: 'flex', alignItems: 'center', gap: 1 }} data-testid="coaching-corrected">
        <EditNoteIcon fontSize="small" aria-hidden />
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700 }}>
          {t('coaching.corrected', { time: when(correction.correctedAt) })}
        </Typography>
      </Box>
      <Box sx={{ p: 2 }} data-testid="coaching-corrected-body">
        <Markdown source={message.body} />
      </Box>
      <Box sx={{ px: 1, pb: 1 }}>
        <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="coaching-earlier-toggle">
          {open ? t('coaching.earlierHide') : t('coaching.earlierShow', { n: correction.earlier.length })}
        </Button>
        <Collapse in={open}>
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, px: 1, pt: 1 }} data-testid="coaching-earlier">
            {[...correction.earlier].reverse().map((v) => (
              <Box key={v.version} sx={{ borderLeft: 3, borderColor: 'divider', pl: 1.5, color: 'text.secondary' }}>
                <Typography variant="caption" component="p" sx={{ fontWeight: 600 }}>
                  {t('coaching.earlierVersion', { version: v.version, time: when(v.at) })}
                </Typography>
                <Markdown source={v.body} />
              </Box>
            ))}
          </Box>
        </Collapse>
      </Box>
    </>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Box component="section" data-testid={testId}>
      <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 800, mb: 0.5, color: 'primary.dark' }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * The coaching text as a card: header (📅 date · Session N of dish), then the four sections in the
 * app's language. Every text is rendered as safe Markdown. Without structured content (an older
 * message) the plain body is shown.
 */
export function CoachingTextCard({
  message,
  video,
  onAsk,
  onWatch,
}: {
  message: Message;
  /** The delivered video of the same session, if any. */
  video: Message | undefined;
  onAsk?: () => void;
  onWatch?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const content = coachingContent(message);
  const correction = coachingCorrection(message);
  const lang = i18n.language;
  const footer = <CardFooter video={video} onAsk={onAsk} onWatch={onWatch} />;
  if (correction) {
    return (
      <Paper variant="outlined" data-testid="coaching-card" data-corrected={correction.version} sx={{ borderRadius: 3, borderColor: 'primary.light', overflow: 'hidden' }}>
        <CorrectedBody message={message} correction={correction} />
        <Divider />
        {footer}
      </Paper>
    );
  }
  if (!content) {
    return (
      <Paper variant="outlined" data-testid="coaching-card" sx={{ p: 2, borderRadius: 3, borderColor: 'primary.light' }}>
        <Markdown source={message.body} />
      </Paper>
    );
  }
  const date = new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'ja-JP', { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(content.header.date));
  const dish = lang.startsWith('en') ? content.header.dish.en.toLowerCase() : content.header.dish.ja;
  const n = content.header.attemptNumber;
  return (
    <Paper variant="outlined" data-testid="coaching-card" sx={{ borderRadius: 3, borderColor: 'primary.light', overflow: 'hidden' }}>
      <Box sx={{ px: 2, py: 1.25, bgcolor: 'primary.main', color: 'primary.contrastText' }}>
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700 }} data-testid="coaching-header">
          {t('coaching.header', { date, dish, n })}
        </Typography>
      </Box>
      <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.75 }}>
        <Section title={t('coaching.problem')} testId="coaching-problem">
          <Markdown source={bilingual(content.problem, lang)} />
        </Section>
        <Section title={t('coaching.skill', { n })} testId="coaching-skill">
          <Markdown source={bilingual(content.skill, lang)} />
        </Section>
        <Section title={t('coaching.next')} testId="coaching-next">
          <Markdown source={content.nextSteps.map((s) => `- ${bilingual(s, lang)}`).join('\n')} />
        </Section>
        <Section title={t('coaching.signs')} testId="coaching-signs">
          <Markdown source={content.successSigns.map((s) => `- ${bilingual(s, lang)}`).join('\n')} />
        </Section>
      </Box>
      <Divider />
      {footer}
    </Paper>
  );
}

/** Watch the session's video (or when it will come) and ask about this session. */
function CardFooter({ video, onAsk, onWatch }: { video: Message | undefined; onAsk?: (() => void) | undefined; onWatch?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ px: 1, py: 0.5, display: 'flex', flexWrap: 'wrap', gap: 1, justifyContent: 'space-between', alignItems: 'center' }}>
      {video ? (
        <Button onClick={onWatch} data-testid="coaching-watch">
          {t('coaching.watchVideo')}
        </Button>
      ) : (
        <Typography variant="caption" color="text.secondary" sx={{ px: 1 }}>
          {t('coaching.videoComing')}
        </Typography>
      )}
      {onAsk ? (
        <Button onClick={onAsk} data-testid="coaching-ask">
          {t('coaching.ask')}
        </Button>
      ) : null}
    </Box>
  );
}
