"""The generic input machinery every package's inputs go through, whatever the domain: tables
read from JSON, Excel or CSV (`tables`, `excel`), validated against pydantic row models with
bilingual labels (`schema_base`), loaded with located, bilingual errors (`loading`), written
back out (`output`) and documented from the schema (`docs`). It names no sector."""
