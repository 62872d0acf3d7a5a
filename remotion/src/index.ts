/** Remotion's entry point (what @remotion/bundler bundles for server-side renders). */
import { registerRoot } from 'remotion';
import { RemotionRoot } from './Root';

registerRoot(RemotionRoot);
