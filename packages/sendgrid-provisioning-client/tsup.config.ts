import { libraryConfig } from '../../tsup.shared.ts';

// ./raw is its own entry so that openapi-fetch ships only to apps that import it.
export default libraryConfig(['src/index.ts', 'src/raw.ts']);
