import HistoryIcon from '@mui/icons-material/History';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import type { ResourceProps } from 'react-admin';
import { AuditLogList } from './AuditLogList';
import { OperationsPage } from './OperationsPage';

/** Pipeline health (admins): a resource whose list is the operations page, so it has a menu entry. */
export const operations: ResourceProps = {
  name: 'operations',
  list: OperationsPage,
  icon: MonitorHeartIcon,
  options: { label: 'ajimi.operations.menu' },
};

/** The audit log (admins), read-only. */
export const auditLog: ResourceProps = {
  name: 'audit-log',
  list: AuditLogList,
  icon: HistoryIcon,
  options: { label: 'ajimi.operations.audit_menu' },
};

export { OperationsPage };
