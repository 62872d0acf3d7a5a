import { useMemo } from 'react';
import { useTranslate } from 'react-admin';

type Group = 'session_status' | 'stage' | 'finding' | 'audit_action' | 'entity';

/**
 * Words for a server code, in the console's language. A code the catalogue does not know yet is
 * shown as "Other (code)" rather than pretending to know it.
 */
export const useLabels = () => {
  const translate = useTranslate();
  // One object per language: components may list it in their memo dependencies.
  return useMemo(() => labelsFor(translate), [translate]);
};

function labelsFor(translate: ReturnType<typeof useTranslate>) {
  const label = (group: Group, code: string | null | undefined): string => {
    if (!code) return '—';
    const key = `ajimi.labels.${group}.${code}`;
    const text = translate(key, { _: '' });
    return text && text !== key ? text : translate('ajimi.labels.unknown', { code });
  };
  return {
    status: (code: string | null | undefined) => label('session_status', code),
    stage: (code: string | null | undefined) => label('stage', code),
    finding: (code: string | null | undefined) => label('finding', code),
    auditAction: (code: string | null | undefined) => label('audit_action', code),
    entity: (code: string | null | undefined) => label('entity', code),
    /** A pg-boss queue: its stage, or the stage's dead-letter queue ("render.failed"). */
    queue: (name: string) => (name.endsWith('.failed') ? translate('ajimi.labels.dead_letter', { stage: label('stage', name.slice(0, -'.failed'.length)) }) : label('stage', name)),
  };
}
