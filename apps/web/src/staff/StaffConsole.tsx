import { Alert, App, Button, Card, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Link, navigate } from '../shell/router';
import { areaAt, areasFor, type ConsoleArea } from './areas';
import { CasePage } from './CasePage';
import { Inbox } from './inbox/Inbox';
import {
  endedByExpiryNotice,
  login,
  logout,
  signedIn,
  staffCall,
  subscribeSession,
} from './session';
import { FormError } from '../shell/FormError';

const CASE_PATH = /^\/staff\/cases\/([^/]+)$/;

/** 信访工作平台: sign-in, then the unit's workbench and each case. */
export function StaffConsole({ path }: { path: string }) {
  // antd's App gives the console its message toasts (the portal says things in place).
  return (
    <App>
      <Console path={path} />
    </App>
  );
}

function Console({ path }: { path: string }) {
  const isSignedIn = useSyncExternalStore(subscribeSession, signedIn);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!isSignedIn) {
      setMe(null);
      return;
    }
    staffCall<Me>('GET', '/api/v1/me').then(setMe, setError);
  }, [isSignedIn]);

  if (!isSignedIn) return <LoginPage />;
  if (error !== null) {
    return (
      <div className="page">
        <FormError error={error} />
      </div>
    );
  }
  if (!me) return <Spin />;
  const caseNo = CASE_PATH.exec(path)?.[1];
  const offered = areasFor(me);
  const area = caseNo ? undefined : areaAt(path, offered);
  return (
    <div className="page">
      <StaffHeader me={me} />
      {offered.length > 1 && <AreaMenu offered={offered} current={area} />}
      {caseNo ? <CasePage caseNo={decodeURIComponent(caseNo)} me={me} /> : area?.render(me, path)}
    </div>
  );
}

/** The areas of the console this user may open, as links (each area has its own address). */
function AreaMenu({ offered, current }: { offered: ConsoleArea[]; current?: ConsoleArea }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('nav.label')} className="area-menu" data-testid="area-menu">
      <Space wrap size="middle">
        {offered.map((area) => (
          <Link key={area.path} to={area.path} current={area === current}>
            {t(area.label)}
          </Link>
        ))}
      </Space>
    </nav>
  );
}

function StaffHeader({ me }: { me: Me }) {
  const { t, label } = useI18n();
  return (
    <Space
      wrap
      style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}
      data-testid="staff-header"
    >
      <Space wrap>
        <Typography.Text strong>{me.unit?.name ?? me.unit?.code}</Typography.Text>
        <Typography.Text>{me.displayName}</Typography.Text>
        {me.roles.map((role) => (
          <Tag key={role}>{label('staffRole', role)}</Tag>
        ))}
      </Space>
      <Space wrap>
        <Inbox />
        <Button
          onClick={() => {
            void logout();
            navigate('/staff');
          }}
        >
          {t('staff.logout')}
        </Button>
      </Space>
    </Space>
  );
}

function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setSending(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="page portal-page">
      <Card title={t('login.title')}>
        {endedByExpiryNotice() && (
          <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
        )}
        <Form<{ username: string; password: string }>
          layout="vertical"
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <FormError error={error} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
