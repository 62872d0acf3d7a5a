import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

export const SEND_BACK_MAX = 2000;

/** Send back: the coach's instructions go to the next AI draft. */
export const SendBackDialog = ({ open, busy, onClose, onConfirm }: { open: boolean; busy: boolean; onClose: () => void; onConfirm: (reason: string) => void }) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="send-back-title">
      <DialogTitle id="send-back-title">{translate('ajimi.reviews.decision.send_back_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('ajimi.reviews.decision.send_back_body')}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          name="reason"
          label={translate('ajimi.reviews.decision.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { maxLength: SEND_BACK_MAX } }}
          helperText={`${reason.length} / ${SEND_BACK_MAX}`}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('ajimi.reviews.decision.cancel')}
        </Button>
        <Button variant="contained" color="warning" disabled={busy || trimmed === ''} onClick={() => onConfirm(trimmed)} data-testid="confirm-send-back">
          {translate('ajimi.reviews.decision.confirm_send_back')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const SHORTCUTS: Array<[string, string]> = [
  ['Space', 'play'],
  ['J · K · L', 'jkl'],
  [', · .', 'frame'],
  ['I · O', 'in_out'],
  ['1 · 2', 'slow'],
  ['A', 'approve'],
  ['S', 'send_back'],
  ['N', 'next'],
  ['?', 'help'],
];

export const ShortcutHelpDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title">
      <DialogTitle id="shortcuts-title">{translate('ajimi.reviews.shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map(([keys, what]) => (
              <TableRow key={what}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{keys}</TableCell>
                <TableCell>{translate(`ajimi.reviews.shortcuts.${what}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('ajimi.reviews.shortcuts.note')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ajimi.reviews.shortcuts.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
