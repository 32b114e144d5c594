"""gunicorn for the pages in production (`make serve`); uvicorn answers the WebSockets.

Sync workers take a request only when free, so requests wait in the listening socket rather
than behind another worker's page: at size L they served the member pages 18 % faster than
uvicorn's workers (8 to 33 % by page), with a p95 a fifth to two thirds lower
(bench/README.md, "Server setup"). They must sit behind the reverse proxy, which reads slow
clients' requests and answers in full before a worker is involved (README, deployment step 4).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS") or 4)
worker_class = "sync"
# X-Forwarded-Proto counts only from our proxies; core.proxy holds Django to the same list and
# takes the client's address from X-Forwarded-For, which gunicorn leaves as the proxy's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A file posted whole without JavaScript (up to UPLOAD_MAX_BYTES) and, on the embedded task
# backend, an office document's rendering run within the request.
timeout = 120
graceful_timeout = 30
accesslog = None
errorlog = "-"
