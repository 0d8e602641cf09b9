/**
 * Atlas's limits for goal inference and the critique pass, in one place.
 */
export const GOAL_LIMITS = {
  /** Shorter words are too easily one edit from a goal word to be read as its typo. */
  MIN_WORD_LENGTH: 4,
  /** Below this much evidence no goal is named (one goal word said is 3). */
  MIN_SCORE: 2,
  /** What "old" files are in a clean-up said as a goal ("clean up Downloads, delete the old zips"). */
  CLEANUP_OLD_AGE: '30 days',
  /** A plan never grows past the Intent IR's own bound by the steps Atlas adds. */
  MAX_STEPS: 50,
} as const;

export const CRITIQUE_LIMITS = {
  /** Default of atlas.json's `minConfidence`: below it Atlas asks before running. */
  MIN_CONFIDENCE: 0.5,
  /** A copy or archive leaving less free than this share of its filesystem is doubtful. */
  SPACE_MARGIN: 0.05,
  /** Open files are looked for in at most this many processes' descriptor tables. */
  OPEN_FILES_MAX_PROCESSES: 2000,
  /** A probe that runs a program (git, systemctl) gives up after this long. */
  PROBE_TIMEOUT_MS: 5000,
} as const;

/** Where backups go by default: this folder of aios's state directory, beside the undo store. */
export const BACKUPS_FOLDER = 'backups';
