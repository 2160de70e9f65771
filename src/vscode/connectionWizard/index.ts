export { askNewConnection } from './addConnection';
export { askConnectionChanges } from './editConnection';
export type { EditStart } from './changeConnectionFlow';
export type { WizardDeps } from './wizardDeps';
