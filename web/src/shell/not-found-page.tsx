import { Link } from 'react-router';
import { usePageTitle } from './use-page-title';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">We could not find that page</h1>
      <p>
        <Link to="/inbox">Back to the inbox</Link>
      </p>
    </section>
  );
}
