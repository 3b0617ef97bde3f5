import { useState } from 'react';
import { LazyChatPanel } from '../chat/LazyChatPanel';
import { DeferredPanel } from '../common/DeferredPanel';
import { useUnreadCount } from '../chat/useUnreadCount';
import { useT } from '../i18n/useT';

const drawerId = 'classroom-chat-drawer';

/** 文字互动 in a drawer: closed, it leaves the projected picture free and counts what arrives meanwhile. */
export function ClassroomChat() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(open);

  return (
    <div className="classroom-chat">
      <button
        type="button"
        className={open ? 'button--active' : undefined}
        data-testid="chat-open"
        aria-expanded={open}
        aria-controls={drawerId}
        onClick={() => setOpen(!open)}
      >
        {t('chat.open')}
        {unread > 0 && (
          <span className="count-badge" data-testid="chat-unread" aria-label={t('chat.unread', { count: unread })}>
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="classroom-chat__drawer" id={drawerId}>
          <DeferredPanel>
            <LazyChatPanel
              controls={
                <button type="button" data-testid="chat-close" onClick={() => setOpen(false)}>
                  {t('chat.close')}
                </button>
              }
            />
          </DeferredPanel>
        </div>
      )}
    </div>
  );
}
