"""Open Referral HSDS 3.0 in plain Python (no Django import; a test enforces it).

- `tables`: the HSDS tables, their fields, how they nest in JSON and where they go in CSV.
- `values`: typed values (dates, times with a UTC offset, numbers) read and written.
- `validation`: JSON Schemas generated from `tables`, checked with jsonschema (Draft 2020-12).
- `reading_json`, `reading_csv`, `legacy`, `reader`: files in, `Dataset` of records out.
- `writing`: records out as nested JSON (services, organizations...) or a CSV data package.
- `official`: the published HSDS schemas (from a folder), for tests and checks.
"""
