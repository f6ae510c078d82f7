import { useI18n } from '../i18n/i18n';

/** The time limits of the Regulations on Letters and Visits, as the portal and receipts list them. */
export function TimeLimitList() {
  const { t } = useI18n();
  return (
    <ul style={{ paddingInlineStart: '1.2em', margin: 0 }}>
      <li>{t('legal.forward')}</li>
      <li>{t('legal.accept')}</li>
      <li>{t('legal.conclude')}</li>
      <li>{t('legal.review')}</li>
      <li>{t('legal.reReview')}</li>
    </ul>
  );
}
