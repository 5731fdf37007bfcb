import type { ReactNode } from 'react';

export function EmptyState({ children, icon = '○' }: { children: ReactNode; icon?: string }) {
  return (
    <div className="empty">
      <span className="empty__icon" aria-hidden="true">
        {icon}
      </span>
      <p>{children}</p>
    </div>
  );
}
