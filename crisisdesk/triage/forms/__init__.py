"""Form specs (YAML), such as the Stanley-Brown safety plan: `crisisdesk.triage.engine.forms`."""
