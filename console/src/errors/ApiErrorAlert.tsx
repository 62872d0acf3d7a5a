import { Alert, Box, Button, Collapse, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { isApiError } from './apiError';

/** The reader's words for an error; an unexpected one gets a generic sentence, never a raw text. */
export const useErrorText = () => {
  const translate = useTranslate();
  return (error: unknown): string => {
    const key = error instanceof Error ? error.message : '';
    return key.startsWith('ajimi.') || key.startsWith('ra.') ? translate(key) : translate('ajimi.errors.unknown');
  };
};

/** An error in the page: what happened in the reader's language; the code and request id behind "Details". */
export const ApiErrorAlert = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  const text = useErrorText();
  const [open, setOpen] = useState(false);
  const details = isApiError(error) && (error.code || error.requestId) ? error : null;
  return (
    <Alert
      severity="error"
      data-testid="api-error"
      action={
        details && (
          <Button color="inherit" size="small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {translate('ajimi.errors.details')}
          </Button>
        )
      }
    >
      {text(error)}
      {details && (
        <Collapse in={open}>
          <Box sx={{ mt: 1 }}>
            {details.code && (
              <Typography variant="caption" component="div">
                {translate('ajimi.errors.code', { code: details.code })}
              </Typography>
            )}
            {details.requestId && (
              <Typography variant="caption" component="div">
                {translate('ajimi.errors.request_id', { id: details.requestId })}
              </Typography>
            )}
          </Box>
        </Collapse>
      )}
    </Alert>
  );
};
