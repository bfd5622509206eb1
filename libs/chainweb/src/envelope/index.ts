// Public API of this module; filled in by its owner. Keep named exports explicit.
export {};
