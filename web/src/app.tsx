import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AccountPage } from './account/account-page';
import { AuditPage } from './admin/audit-page';
import { ChannelsPage } from './admin/channels-page';
import { TokensPage } from './admin/tokens-page';
import { UsersPage } from './admin/users-page';
import { LoginPage } from './auth/login-page';
import { RequireAdmin, RequireAuth, RequireRole } from './auth/require-auth';
import { ConversationPage } from './conversation/conversation-page';
import { CustomerPage } from './customers/customer-page';
import { CustomersPage } from './customers/customers-page';
import { InboxPage } from './inbox/inbox-page';
import { PrivacyPage } from './privacy/privacy-page';
import { RegionalGuidancePage } from './regional/regional-guidance-page';
import { ScriptsLibraryPage } from './scripts/scripts-library-page';
import { AppShell } from './shell/app-shell';
import { NotFoundPage } from './shell/not-found-page';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppShell />}>
            <Route index element={<Navigate to="/inbox" replace />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/conversations/:id" element={<ConversationPage />} />
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/customers/:id" element={<CustomerPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="/library" element={<RequireRole roles={['qa', 'admin']} what="QA and admins" />}>
              <Route index element={<Navigate to="/library/scripts" replace />} />
              <Route path="scripts" element={<ScriptsLibraryPage />} />
            </Route>
            <Route path="/privacy" element={<RequireRole roles={['manager', 'admin']} what="Managers and admins" />}>
              <Route index element={<PrivacyPage />} />
            </Route>
            <Route path="/admin" element={<RequireAdmin />}>
              <Route index element={<Navigate to="/admin/users" replace />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="tokens" element={<TokensPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="regional" element={<RegionalGuidancePage />} />
              <Route path="channels" element={<ChannelsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
