'use client';

import { useTranslations } from 'next-intl';
import { formatDeadline } from '@/lib/format/date-time';
import type { NextStep } from '@/lib/intake/next-step';
import styles from './intake.module.css';

/** "已研判，将由工作人员人工分派（分类置信度不足）", "已派至 XX 办理，首次答复时限 …": what happens next. */
export function NextStepLine({ step }: { step: NextStep }) {
  const t = useTranslations('intake.next');
  const office = (o: string | null) => o ?? t('office');
  let text: string;
  switch (step.kind) {
    case 'manual':
      text = step.dispatchDue
        ? t('manualDue', { reason: t(`reasons.${step.reason}`), at: formatDeadline(step.dispatchDue) })
        : t('manual', { reason: t(`reasons.${step.reason}`) });
      break;
    case 'dispatched':
      text = step.firstReplyDue
        ? t('dispatched', { office: office(step.office), at: formatDeadline(step.firstReplyDue) })
        : step.resolveDue
          ? t('dispatchedResolve', { office: office(step.office), at: formatDeadline(step.resolveDue) })
          : t('dispatchedNoDue', { office: office(step.office) });
      break;
    case 'handling':
      text = step.resolveDue
        ? t('handling', { office: office(step.office), at: formatDeadline(step.resolveDue) })
        : t('handlingNoDue', { office: office(step.office) });
      break;
    default:
      text = t(step.kind);
  }
  return (
    <p className={styles.nextStep} data-testid="next-step" data-kind={step.kind}>
      {text}
    </p>
  );
}
