/**
 * Runtime files the station reads from disk outside the bundle, by their path relative to the
 * app (unpackaged) or to `resources/` (packaged: electron-builder.yml copies them there).
 */
export const RUNTIME_FILES = {
  fonts: 'resources/fonts',
  icd10: 'resources/icd10/icd10.json',
} as const;
