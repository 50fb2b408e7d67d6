/** The version stamped into reports and printed by `graft --version`. */
export const GRAFT_VERSION = '0.1.0';
