// A server component: rendered on the server at each request (the API's address is the
// server's setting, `CP_API_BASE_URL`), with the editor as a client component inside.
import { Profile } from './profile';

export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Your details</h1>
      <Profile apiBaseUrl={process.env.CP_API_BASE_URL ?? ''} />
    </main>
  );
}
