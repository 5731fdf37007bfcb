import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export function EmptyState({ children, icon = 'inbox' }: { children: ReactNode; icon?: IconName }) {
  return (
    <div className="empty">
      <span className="empty__icon">
        <Icon name={icon} size={36} />
      </span>
      <p>{children}</p>
    </div>
  );
}
