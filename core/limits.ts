/** The largest file read at all (50 MiB): larger ones get `too-large` before they are parsed. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
