import { ConfigProvider, Segmented, Space, Spin, Switch } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { I18nProvider, makeI18n, type Lang } from '../i18n/i18n';
import { Portal } from '../portal/Portal';
import { Link, usePath } from './router';
import { themeFor } from './theme';

// The staff console is its own chunk: a citizen's first load does not carry it.
const StaffConsole = lazy(() =>
  import('../staff/StaffConsole').then((module) => ({ default: module.StaffConsole })),
);

export function App() {
  // Kept in memory only: nothing but the staff session token goes into browser storage.
  const [lang, setLang] = useState<Lang>('zh');
  const [largeText, setLargeText] = useState(false);
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const path = usePath();
  const staff = path.startsWith('/staff');
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(staff ? 'app.staffTitle' : 'app.portalTitle');
  }, [lang, staff, t]);

  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={themeFor(largeText)}
      // No space put between two characters (提 交): screen readers read the label as written.
      button={{ autoInsertSpace: false }}
    >
      <I18nProvider value={i18n}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <h1>
            <Link to={staff ? '/staff' : '/'}>
              {t(staff ? 'app.staffTitle' : 'app.portalTitle')}
            </Link>
          </h1>
          <Space wrap>
            <Segmented<Lang>
              aria-label={t('app.language')}
              value={lang}
              onChange={setLang}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            <label>
              <Space>
                <Switch checked={largeText} onChange={setLargeText} />
                <span>{t('app.largeText')}</span>
              </Space>
            </label>
          </Space>
        </header>
        <main id="main" tabIndex={-1}>
          {staff ? (
            <Suspense fallback={<Spin />}>
              <StaffConsole path={path} />
            </Suspense>
          ) : (
            <Portal />
          )}
        </main>
      </I18nProvider>
    </ConfigProvider>
  );
}
