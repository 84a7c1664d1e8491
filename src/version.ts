/** Version of autolab-slurm; kept equal to package.json's by a test. */
export const VERSION = "0.1.0";
/** The file format generation this tool reads and writes (the Python autolab tool's). */
export const SCHEMA_VERSION = "1.0";
