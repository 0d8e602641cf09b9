/** The checkout's root folder. */
export const ROOT: string;
/** Where the bundle's builds and manifest live ($AIOS_BUNDLE_DIR, else node_modules/.cache/aios-dist). */
export const DIST_DIR: string;
/** The current build's folder as a URL ending in '/' when it is there and fresh, else undefined. */
export function freshDist(): string | undefined;
