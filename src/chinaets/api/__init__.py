"""REST API shells (FastAPI) over the chinaets library; nothing in the library imports them."""
