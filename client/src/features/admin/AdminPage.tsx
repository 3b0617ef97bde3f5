import { useEffect, useState } from 'react';
import { z } from 'zod';
import { schoolSchema, type Me } from '@shared';
import { api } from '../auth/session';
import { AccountBar } from '../accounts/AccountBar';
import { SessionProblem } from '../accounts/SessionProblem';
import { useDictionary } from '../accounts/dictionary';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { adminDictionary } from './adminMessages';
import { tabFromHash, tabsFor, type AdminTab } from './adminTabs';
import { AccountsTab } from './AccountsTab';
import { ApiKeysTab } from './ApiKeysTab';
import { AuditTab } from './AuditTab';
import { ClassroomsTab } from './ClassroomsTab';
import { IpRulesTab } from './IpRulesTab';
import { LessonsTab } from './LessonsTab';
import { PairingsTab } from './PairingsTab';
import { RubricsTab } from './RubricsTab';
import { SchoolsTab } from './SchoolsTab';
import { SsoTab } from './SsoTab';
import { WebhooksTab } from './WebhooksTab';
import type { AdminScope } from './adminScope';
import '../accounts/accounts.css';
import './admin.css';

const schoolsSchema = z.array(schoolSchema);

/** 管理: a bureau's or a school's administration, one tab per thing administered, each shown only to roles that may do it. */
export function AdminPage() {
  const t = useDictionary(adminDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase === 'signedIn') return <Administration me={signed.me} />;
  return (
    <div className="account-page" data-testid="admin-page" data-phase={signed.phase}>
      <AccountBar title={t('admin.title')} me={null} />
      <SessionProblem state={signed} />
    </div>
  );
}

function Administration({ me }: { me: Me }) {
  const t = useDictionary(adminDictionary);
  const tabs = tabsFor(me.role);
  const [tab, setTab] = useState<AdminTab | null>(() => tabFromHash(window.location.hash, tabs));
  const schools = useLoad(() => api('/schools', schoolsSchema), 'schools');

  // The tab is in the address (`/admin#accounts`), so a reload or a shared link opens the same one.
  useEffect(() => {
    const follow = () => setTab(tabFromHash(window.location.hash, tabsFor(me.role)));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [me.role]);

  const scope: AdminScope = { me, schools: schools.data ?? [], schoolsReady: schools.data !== null, reloadSchools: schools.reload };
  return (
    <div className="account-page" data-testid="admin-page" data-phase="signedIn">
      <AccountBar title={t('admin.title')} me={me} />
      {tab === null ? (
        <p className="account-panel" data-testid="admin-not-allowed">
          {t('admin.notAllowed')}{' '}
          <a className="account-bar__link" href="/">
            {t('accounts.home')}
          </a>
        </p>
      ) : (
        <>
          <nav aria-label={t('admin.title')}>
            <ul className="account-tabs" role="tablist">
              {tabs.map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    role="tab"
                    aria-selected={id === tab}
                    className={id === tab ? 'button--active' : undefined}
                    data-testid={`admin-tab-${id}`}
                    onClick={() => {
                      history.replaceState(history.state, '', `#${id}`);
                      setTab(id);
                    }}
                  >
                    {t(`admin.tab.${id}`)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <section className="account-panel" role="tabpanel" data-testid={`admin-panel-${tab}`}>
            <TabContent tab={tab} scope={scope} />
          </section>
        </>
      )}
    </div>
  );
}

function TabContent({ tab, scope }: { tab: AdminTab; scope: AdminScope }) {
  switch (tab) {
    case 'schools':
      return <SchoolsTab scope={scope} />;
    case 'classrooms':
      return <ClassroomsTab scope={scope} />;
    case 'accounts':
      return <AccountsTab scope={scope} />;
    case 'pairings':
      return <PairingsTab scope={scope} />;
    case 'lessons':
      return <LessonsTab scope={scope} />;
    case 'rubrics':
      return <RubricsTab scope={scope} />;
    case 'ipRules':
      return <IpRulesTab scope={scope} />;
    case 'sso':
      return <SsoTab scope={scope} />;
    case 'webhooks':
      return <WebhooksTab scope={scope} />;
    case 'apiKeys':
      return <ApiKeysTab scope={scope} />;
    case 'audit':
      return <AuditTab />;
  }
}
