"""The built-in triage protocols (YAML), loaded by `crisisdesk.triage.engine.builtins`."""
