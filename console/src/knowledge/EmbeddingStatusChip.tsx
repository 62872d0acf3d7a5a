import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EmbeddingStatus } from './types';

const COLOR = { pending: 'warning', embedding: 'info', ready: 'success', failed: 'error' } as const;

/** `version`: the principle version this status is about (a test waits for the new version's 'ready', not the old one's). */
export const EmbeddingStatusChip = ({ status, version }: { status: EmbeddingStatus | undefined; version?: number }) => {
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
    />
  );
};
