// Imports every subcommand module so that each registers itself with the dispatcher.
export {};
