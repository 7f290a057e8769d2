"""WSGI entry point for `crisisdesk serve` and any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")

application = get_wsgi_application()
