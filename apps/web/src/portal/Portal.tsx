import { Spin, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { Receipt } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Link } from '../shell/router';
import { SubmitForm } from './SubmitForm';

// Not on the first screen: loaded when the tab is opened.
const TrackCase = lazy(() => import('./TrackCase').then((m) => ({ default: m.TrackCase })));

/** The citizen portal: submit a petition, or follow one with its case number and query code. */
export function Portal() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'submit' | 'track'>('submit');
  // The receipt just given, handed to tracking in memory (never in the address).
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  return (
    <div className="page portal-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key === 'track' ? 'track' : 'submit')}
        items={[
          {
            key: 'submit',
            label: t('portal.submitTab'),
            children: (
              <SubmitForm
                onTrack={(given) => {
                  setReceipt(given);
                  setTab('track');
                }}
              />
            ),
          },
          {
            key: 'track',
            label: t('portal.trackTab'),
            children: (
              <Suspense fallback={<Spin />}>
                <TrackCase key={receipt?.caseNo} initial={receipt} />
              </Suspense>
            ),
          },
        ]}
      />
      <p>
        <Link to="/staff">{t('portal.staffLink')}</Link>
      </p>
    </div>
  );
}
