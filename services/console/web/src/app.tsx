/** The shell: sign-in first, then a navigation bar and one page per route under /console. */
import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useSession } from './session/session-context';
import { SignInPage } from './session/sign-in-page';

// Each page is its own chunk: the page one opens loads without the code of the others.
const AuditPage = lazy(() => import('./audit/audit-page').then((m) => ({ default: m.AuditPage })));
const HealthPage = lazy(() => import('./health/health-page').then((m) => ({ default: m.HealthPage })));
const PlantPage = lazy(() => import('./assets/plant-page').then((m) => ({ default: m.PlantPage })));
const LivePage = lazy(() => import('./live/live-page').then((m) => ({ default: m.LivePage })));
const AsyncApiPage = lazy(() =>
  import('./registry/asyncapi-page').then((m) => ({ default: m.AsyncApiPage })),
);
const ContractPage = lazy(() =>
  import('./registry/contract-page').then((m) => ({ default: m.ContractPage })),
);
const OpenApiPage = lazy(() => import('./registry/openapi-page').then((m) => ({ default: m.OpenApiPage })));
const RegistryPage = lazy(() =>
  import('./registry/registry-page').then((m) => ({ default: m.RegistryPage })),
);
const ReviewPage = lazy(() => import('./review/review-page').then((m) => ({ default: m.ReviewPage })));
const SimulationPage = lazy(() =>
  import('./simulation/simulation-page').then((m) => ({ default: m.SimulationPage })),
);

const PAGES = [
  { path: '/registry', label: 'Registry' },
  { path: '/review', label: 'Review' },
  { path: '/live', label: 'Live' },
  { path: '/plant', label: 'Plant' },
  { path: '/audit', label: 'Audit' },
  { path: '/simulation', label: 'Simulation' },
  { path: '/health', label: 'Health' },
];

export function App() {
  const session = useSession();
  if (!session.identity) return <SignInPage />;
  return (
    <Router base="/console">
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <header className="top-bar">
        <Link href="/registry" className="brand" aria-label="DX Hub console, the registry">
          <span className="brand-mark" aria-hidden="true">
            DX
          </span>{' '}
          Hub
        </Link>
        <Navigation />
        <div className="who">
          <span className="who-id">{session.identity.id}</span>
          <span className={`role role-${session.identity.role}`}>{session.identity.role}</span>
          <button type="button" className="quiet" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Switch>
            <Route path="/registry" component={RegistryPage} />
            <Route path="/registry/:id">{(params) => <ContractPage id={params.id} />}</Route>
            <Route path="/docs/asyncapi" component={AsyncApiPage} />
            <Route path="/docs/openapi" component={OpenApiPage} />
            <Route path="/review">{() => <ReviewPage />}</Route>
            <Route path="/review/:id/:version">
              {(params) => <ReviewPage id={params.id} version={params.version} />}
            </Route>
            <Route path="/live" component={LivePage} />
            <Route path="/plant" component={PlantPage} />
            <Route path="/audit" component={AuditPage} />
            <Route path="/simulation" component={SimulationPage} />
            <Route path="/health" component={HealthPage} />
            <Route>
              <Redirect to="/registry" replace />
            </Route>
          </Switch>
        </Suspense>
      </main>
    </Router>
  );
}

function Navigation() {
  const [location] = useLocation();
  return (
    <nav aria-label="Pages">
      <ul className="nav-list">
        {PAGES.map((page) => {
          const current = location === page.path || location.startsWith(`${page.path}/`);
          return (
            <li key={page.path}>
              <Link href={page.path} aria-current={current ? 'page' : undefined} className="nav-link">
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
