"""The command-line shell: thin commands over the library (nothing in the library imports this)."""
