"""ASGI entry point: HTTP through Django, WebSockets through Channels.

The WebSocket stack accepts only its own site's origin (core.origin) and authenticates from the
session cookie; each consumer then checks the member's status and rights on every frame.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402
from core.body_limit import BodySizeLimitASGI  # noqa: E402
from core.origin import SameOriginValidator  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": BodySizeLimitASGI(django_asgi_app),
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
