"""Refuse an oversize file while it arrives, instead of after writing all of it to disk."""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.body_limit import accepts_uploads


class UploadLimitHandler(FileUploadHandler):
    """Stops reading files once one passes ``UPLOAD_MAX_BYTES`` and notes its name on the
    request; the rest of the body is drained, so the fields sent before it stay usable."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.request.upload_refused = self.file_name
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_uploads(view):
    # Upload handlers must be in place before anything reads the body, and the CSRF check
    # reads it: hence the view is exempted first and protected again inside.
    protected = csrf_protect(view)

    @wraps(view)
    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        request.upload_handlers.insert(0, UploadLimitHandler(request))
        return protected(request, *args, **kwargs)

    return accepts_uploads(wrapper)
