"""Built-in CSV mappings (`crisisdesk ingest csv FILE --mapping NAME`), one YAML file each.

A package only so that setuptools ships the YAML files with it (package-data `*.yaml`).
"""
