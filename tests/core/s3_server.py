"""A local S3-compatible server for the object-storage tests: moto's S3 in a thread of the test
process, on a free port, with no network.

moto accepts any request, signed or not, expired or not. A real bucket of the hub is private, so
the server here puts a gate in front of moto that answers like S3 does: a request must carry the
test credentials' signature, in the Authorization header (the app's own calls through boto3,
checked by its access key only) or in the address (a presigned URL, whose signature and expiry
are checked in full, AWS Signature Version 4). Anything else is refused with 403."""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

ACCESS_KEY = "HUBTESTACCESSKEY"
SECRET_KEY = "hub-test-secret-key-not-used-anywhere-else"
REGION = "us-east-1"


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def presigned_refusal(environ, *, now: datetime | None = None) -> str | None:
    """Why S3 would refuse this presigned request, or None if its signature holds and is current."""
    raw_query = environ.get("QUERY_STRING", "")
    pairs = [pair.partition("=") for pair in raw_query.split("&") if pair]
    params = {key: value for key, _eq, value in pairs}
    try:
        credential = params["X-Amz-Credential"].replace("%2F", "/")
        signed_at = datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        expires = int(params["X-Amz-Expires"])
        signature = params["X-Amz-Signature"]
    except (KeyError, ValueError):
        return "AccessDenied"
    access_key, _slash, scope = credential.partition("/")
    if access_key != ACCESS_KEY or params.get("X-Amz-SignedHeaders") != "host":
        return "AccessDenied"
    if (now or datetime.now(UTC)) > signed_at + timedelta(seconds=expires):
        return "Request has expired"
    path = (environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ["PATH_INFO"]).partition("?")[0]
    query = "&".join(f"{key}={value}" for key, _eq, value in sorted(p for p in pairs if p[0] != "X-Amz-Signature"))
    canonical = "\n".join(
        [environ["REQUEST_METHOD"], path, query, f"host:{environ['HTTP_HOST']}\n", "host", "UNSIGNED-PAYLOAD"]
    )
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", params["X-Amz-Date"], scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = ("AWS4" + SECRET_KEY).encode()
    for part in scope.split("/"):
        key = _hmac(key, part)
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return None if hmac.compare_digest(expected, signature) else "SignatureDoesNotMatch"


class PrivateBucketGate:
    """WSGI middleware in front of moto: only signed requests get through."""

    def __init__(self, app):
        self.app = app
        self.refused: list[str] = []

    def __call__(self, environ, start_response):
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if authorization:
            reason = None if f"Credential={ACCESS_KEY}/" in authorization else "InvalidAccessKeyId"
        else:
            reason = presigned_refusal(environ)
        if reason is None:
            return self.app(environ, start_response)
        self.refused.append(reason)
        body = f"<Error><Code>AccessDenied</Code><Message>{reason}</Message></Error>".encode()
        start_response("403 Forbidden", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
        return [body]


class PrivateS3Server(ThreadedMotoServer):
    def __init__(self):
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.gate = PrivateBucketGate(DomainDispatcherApplication(create_backend_app))

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, self.gate, threaded=True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()

    @property
    def endpoint_url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"
