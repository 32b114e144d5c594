from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """Leave no traces: pages are never stored by the browser or a proxy. Static files are
    served (and cached for a year) by WhiteNoise before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") or "no-store" not in response["Cache-Control"]:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
