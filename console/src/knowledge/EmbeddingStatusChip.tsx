import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EmbeddingStatus } from './types';

const COLOR = { pending: 'warning', embedding: 'info', ready: 'success', failed: 'error' } as const;

/**
 * `version`: the live principle version; `embeddedVersion`: the version the stored chunks were made
 * from (a test waits for the new version's embedding, not for a 'ready' that was already there).
 */
export const EmbeddingStatusChip = ({ status, version, embeddedVersion }: { status: EmbeddingStatus | undefined; version?: number; embeddedVersion?: number | null }) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      variant={status === 'ready' ? 'outlined' : 'filled'}
      label={translate(`ajimi.knowledge.status.${status}`)}
      data-testid="embedding-status"
      data-status={status}
      data-version={version}
      data-embedded-version={embeddedVersion ?? undefined}
    />
  );
};
