/**
 * The patient app: finds out whether this phone is logged in (portal.me), then shows the screen
 * the address names. Logged out, only log-in and opening an account; logged in, booking, my
 * bookings, my queue, my records and 我的 / Me (family members, paying, the account), with a tab bar
 * of five at the bottom for the thumb (one line each at 360 px in both languages).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { callResult, type ApiError } from './api';
import { I18nContext, LANGUAGE_STORAGE_KEY, pickLanguage, translator, useI18n, type Language } from './i18n';
import { hrefOf, parseRoute, PUBLIC_SCREENS, type Route } from './routes';
import { AccountScreen } from './screens/Account';
import { ActivateScreen, LoginScreen, RegisterScreen } from './screens/Auth';
import { BookingsScreen } from './screens/Bookings';
import { BookScreen } from './screens/Book';
import { NotFoundScreen } from './screens/NotFound';
import { KioskScreen } from './screens/Kiosk';
import { MembersScreen } from './screens/Members';
import { RecordsScreen } from './screens/Records';
import { VisitScreen } from './screens/Visit';
import { PayScreen } from './screens/Pay';
import { QueueScreen } from './screens/Queue';
import { SessionContext, type Account, type Session } from './session';
import { ErrorNotice, Flash, Loading } from './ui';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}

export function App(): ReactNode {
  const [language, setLanguageState] = useState<Language>(() => pickLanguage(storedLanguage(), navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => ({
    language, t: translator(language),
    setLanguage: (l: Language) => {
      try { localStorage.setItem(LANGUAGE_STORAGE_KEY, l); } catch { /* private mode: this visit only */ }
      setLanguageState(l);
    },
  }), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('appTitle');
  }, [language, i18n]);
  return (
    <I18nContext.Provider value={i18n}>
      <Shell />
    </I18nContext.Provider>
  );
}

function Shell(): ReactNode {
  const { t } = useI18n();
  const route = useRoute();
  const [account, setAccount] = useState<Account | null | 'unknown'>('unknown');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [flash, setFlash] = useState<{ text: string; screen: string; seen: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void callResult('portal.me', {}).then((r) => {
      if (!live) return;
      if (r.ok) setAccount(r.value);
      else if (r.error.code === 'UNAUTHENTICATED') setAccount(null);
      else setFailure(r.error);
    });
    return () => { live = false; };
  }, [attempt]);

  // A new screen: its heading gets the focus (a screen reader hears where it is), the flash stays for one screen.
  const firstScreen = useRef(true);
  const shown = hrefOf(route);
  useEffect(() => {
    if (firstScreen.current) { firstScreen.current = false; return; }
    document.querySelector<HTMLElement>('main h1')?.focus();
    window.scrollTo(0, 0);
  }, [shown]);
  // A flash belongs to one screen: shown there, gone once the patient has seen it and moved on.
  useEffect(() => {
    if (flash && flash.screen === shown && !flash.seen) setFlash({ ...flash, seen: true });
    else if (flash && flash.seen && flash.screen !== shown) setFlash(null);
  }, [flash, shown]);

  const loggedIn = (a: Account) => { setAccount(a); location.hash = '#/book'; };
  const session: Session | null = useMemo(() => (account && account !== 'unknown' ? {
    account, setAccount,
    ended: () => { setAccount(null); location.hash = '#/login'; },
    notify: (text: string, goTo?: string) => {
      setFlash({ text, screen: goTo ?? hrefOf(parseRoute(location.hash)), seen: false });
      if (goTo) location.hash = goTo;
    },
  } : null), [account]);

  let body: ReactNode;
  if (route.screen === 'kiosk') body = <KioskScreen token={route.token} />;
  else if (failure) body = <ErrorNotice error={failure} onRetry={() => { setFailure(null); setAttempt((a) => a + 1); }} />;
  else if (account === 'unknown') body = <Loading />;
  else if (!session) {
    body = route.screen === 'register' ? <RegisterScreen onLoggedIn={loggedIn} />
      : route.screen === 'activate' ? <ActivateScreen onLoggedIn={loggedIn} />
        : <LoginScreen onLoggedIn={loggedIn} />;
  } else {
    body = PUBLIC_SCREENS.has(route.screen) ? <BookScreen steps={{}} /> : screenOf(route);
  }
  return (
    <SessionContext.Provider value={session}>
      <header className="top">
        <span className="brand">{t('appTitle')}</span>
        <LanguageSwitch />
      </header>
      <main className={route.screen === 'kiosk' ? 'kiosk-mode' : session ? 'with-tabs' : ''}>
        <Flash text={flash && flash.screen === shown ? flash.text : null} />
        {body}
      </main>
      {session && route.screen !== 'kiosk' && <Tabs route={route} />}
    </SessionContext.Provider>
  );
}

function screenOf(route: Route): ReactNode {
  switch (route.screen) {
    case 'book': return <BookScreen key="book" steps={route} />;
    case 'reschedule': return <BookScreen key={`move-${route.appointmentId}`} steps={route} moving={route.appointmentId} />;
    case 'bookings': return <BookingsScreen />;
    case 'members': return <MembersScreen />;
    case 'account': return <AccountScreen />;
    case 'records': return <RecordsScreen />;
    case 'visit': return <VisitScreen key={route.visitId} visitId={route.visitId} />;
    case 'queue': return <QueueScreen />;
    case 'pay': return <PayScreen />;
    default: return <NotFoundScreen />;
  }
}

function LanguageSwitch(): ReactNode {
  const { t, language, setLanguage } = useI18n();
  const other: Language = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="lang" onClick={() => setLanguage(other)} lang={other} data-testid="language">
      {t('switchLanguage')}
    </button>
  );
}

const TABS = [
  { screen: 'book', key: 'navBook', icon: '＋' },
  { screen: 'bookings', key: 'navBookings', icon: '☰' },
  { screen: 'queue', key: 'navQueue', icon: '№' },
  { screen: 'records', key: 'navRecords', icon: '▤' },
  { screen: 'account', key: 'navAccount', icon: '☺' },
] as const;

/** The tab a screen belongs to: moving a booking under my bookings, a visit under records, family members and paying under 我的 / Me. */
const TAB_OF: Partial<Record<Route['screen'], (typeof TABS)[number]['screen']>> = {
  reschedule: 'bookings', visit: 'records', members: 'account', pay: 'account',
};

function Tabs({ route }: { route: Route }): ReactNode {
  const { t } = useI18n();
  const current = TAB_OF[route.screen] ?? route.screen;
  const go = useCallback((screen: (typeof TABS)[number]['screen']) => hrefOf({ screen }), []);
  return (
    <nav className="tabs" aria-label={t('navMain')}>
      {TABS.map((tab) => (
        <a key={tab.screen} href={go(tab.screen)} aria-current={current === tab.screen ? 'page' : undefined} data-testid={`tab-${tab.screen}`}>
          <span aria-hidden="true" className="tab-icon">{tab.icon}</span>
          <span>{t(tab.key)}</span>
        </a>
      ))}
    </nav>
  );
}
