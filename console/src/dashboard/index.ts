export { Dashboard } from './Dashboard';
export { sectionsByRole } from './sections';
