import type { PackingView } from '../../../app/domain/packing-view.schema';
import { commandById } from '../../../app/commands/station-commands';
import type { Words } from '../i18n/use-t';

type Alert = NonNullable<PackingView['alert']>;

/** The state's own words when it is the error, else the refused scan's. */
function linesOf(view: PackingView, texts: Words): string[] {
  const lines: string[] = [];
  if (view.tone === 'error' || view.tone === 'warning') lines.push(view.say ? texts.text(view.say) : view.message);
  const notice = view.noticeSay ? texts.text(view.noticeSay) : view.notice;
  if (notice) lines.push(notice);
  return lines.length > 0 ? lines : [view.message];
}

/**
 * A full-screen colour flash with the error in letters readable from two metres, red for errors and amber for
 * warnings. It stays (a frame and a banner) until the alert is acknowledged or fixed, and never takes a click or a
 * key: scanning goes on underneath. Over the "did it print?" dialog only the frame stays, so the question is readable.
 */
export function AlertFlash({ alert, view, texts }: { alert: Alert; view: PackingView; texts: Words }) {
  const colour = view.tone === 'warning' ? 'amber' : 'red';
  const [first, ...rest] = linesOf(view, texts);
  const ack = commandById('acknowledge');
  const dialogOpen = view.printJob?.state === 'uncertain';
  return (
    <div
      className={`alert-flash alert-flash-${colour}`}
      data-testid="alert-flash"
      data-kind={alert.kind}
      data-at={alert.at}
      data-must-act={alert.mustAct}
      data-colour={colour}
      aria-hidden="true"
    >
      {!dialogOpen && (
        <div className="alert-flash-banner">
          <div className="alert-flash-kind">{texts.t(`feedback.alert.${alert.kind}`)}</div>
          <div className="alert-flash-text" data-testid="alert-flash-text">
            {first}
          </div>
          {rest.map((line) => (
            <div key={line} className="alert-flash-more">
              {line}
            </div>
          ))}
          <div className="alert-flash-hint">{texts.t('feedback.acknowledge', { key: ack.key, barcode: ack.barcode ?? '' })}</div>
        </div>
      )}
    </div>
  );
}
