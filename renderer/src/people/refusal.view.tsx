import type { SessionView } from '../../../app/people/person.schema';
import { useT } from '../i18n/use-t';

/** Why the last badge or PIN was refused, in the reader's language. */
export function SessionRefusal({ session }: { session: SessionView }) {
  const { t } = useT();
  if (session.refusal === null) return null;
  return (
    <div className="command-error sign-in-refusal" role="alert" data-testid="sign-in-refusal" data-key={session.refusal.key}>
      {t(session.refusal.key, session.refusal.params)}
    </div>
  );
}
