import { useRef } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types';
import { Markdown } from '../markdown/Markdown';
import { formatDuration } from '../upload/checkVideo';

/**
 * The coaching video: poster and a player on a short-lived signed URL (Range requests, so seeking
 * works). When the link has expired the player fails; `onExpired` fetches fresh links and the
 * player picks up where it was.
 */
export function VideoCard({ message, onExpired }: { message: Message; onExpired: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const resumeAt = useRef(0);
  const media = message.media;
  return (
    <Paper variant="outlined" data-testid="video-card" sx={{ borderRadius: 3, overflow: 'hidden' }}>
      <Box sx={{ px: 2, py: 1, display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700 }}>
          {t('video.title')}
        </Typography>
        {media?.durationSec ? (
          <Typography variant="caption" color="text.secondary">
            {formatDuration(media.durationSec)}
          </Typography>
        ) : null}
      </Box>
      {media ? (
        <Box
          component="video"
          ref={ref}
          key={media.videoUrl}
          data-testid="video-player"
          src={media.videoUrl}
          poster={media.posterUrl ?? undefined}
          controls
          playsInline
          preload="metadata"
          onLoadedMetadata={() => {
            if (resumeAt.current && ref.current) ref.current.currentTime = resumeAt.current;
          }}
          onError={() => {
            if (Date.parse(media.expiresAt) - Date.now() < 60_000 || ref.current?.error?.code === 2) {
              resumeAt.current = ref.current?.currentTime ?? 0;
              onExpired();
            }
          }}
          sx={{ display: 'block', width: '100%', maxHeight: '70dvh', bgcolor: 'black' }}
        />
      ) : (
        <Typography sx={{ px: 2, pb: 1.5 }} color="text.secondary" data-testid="video-unavailable">
          {t('video.unavailable')}
        </Typography>
      )}
      {message.body ? (
        <Box sx={{ px: 2, py: 1.25 }}>
          <Markdown source={message.body} />
        </Box>
      ) : null}
    </Paper>
  );
}
