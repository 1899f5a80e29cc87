// Imports every subcommand module so that each registers itself with the dispatcher.
import './card-command.ts';
import './sim-command.ts';
import './diag-command.ts';
import './queue-command.ts';
import './config-command.ts';
import './start-command.ts';
