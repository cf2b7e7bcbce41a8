/** Where the runtime files are: `resources/` when packaged, the app folder when not. */
import { join } from 'node:path';
import { app } from 'electron';

export { RUNTIME_FILES } from './runtimeFiles';

export function runtimePath(relative: string): string {
  return app.isPackaged ? join(process.resourcesPath, relative) : join(app.getAppPath(), relative);
}
