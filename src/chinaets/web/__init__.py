"""The web dashboard: server-rendered pages (FastAPI + Jinja2) over the library, bilingual
(``?lang=zh|en``, remembered in a cookie), charts drawn by a small script shipped in
``static/`` (no CDN). Run it with ``chinaets serve --data chinaets-demo``.

The library never imports this package; this package never imports the CLI.
"""
