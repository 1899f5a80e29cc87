// The contract's version. A client says which version it speaks in its `hello`; the core refuses any
// other with VERSION_MISMATCH, so a renderer built from an older tree never misreads a newer core.
// Raise it on any change a client of the previous version could misparse (new required field, renamed
// type, changed meaning); adding an optional field to a core -> client message is also a change, since
// every object is strict.

export const CONTRACT_VERSION = 1 as const;
export type ContractVersion = typeof CONTRACT_VERSION;
