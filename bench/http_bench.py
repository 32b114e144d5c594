"""HTTP throughput and latency of the main pages against the production server setup.

Starts the page server the README documents (gunicorn's sync workers on config.wsgi with
config/gunicorn.py's choices, DEBUG off, PostgreSQL, Redis; --server uvicorn for the single
ASGI setup) on a free port, pinned with taskset to --server-cpus while wrk runs on
--wrk-cpus, logs in the benchmark member of ``manage.py bench_data`` through the login form,
counts the SQL queries each page makes (in this process, on the same database), then runs wrk
against every page and the plain-view reference (BENCH_REFERENCE=1, /bench/reference/).

    createdb -h 127.0.0.1 -U postgres hub_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py bench_data --size M
    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/http_bench.py

Reports requests/s, p50/p95/p99 per page and each page's throughput as a ratio to the
reference; --json writes the figures to a file.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
BENCH_MEMBER = "bench.member@example.org"

LUA = r"""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
               + summary.errors.status + summary.errors.timeout
  local counted = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counted[#counted + 1] = string.format("\"%d\": %d", status, n)
    end
  end
  io.write(string.format(
    "WRK_JSON {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"errors\": %d, \"non2xx\": %d, " ..
    "\"timeouts\": %d, \"statuses\": {%s}, " ..
    "\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f, \"mean\": %.3f}\n",
    summary.requests, summary.duration, summary.bytes, errors, summary.errors.status, summary.errors.timeout,
    table.concat(counted, ", "),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(args) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "DEBUG": "0",
            "PRODUCTION": "0",  # plain HTTP on 127.0.0.1: no HTTPS redirect or secure cookies
            "SECRET_KEY": env.get("SECRET_KEY", "bench-secret-key-" + "x" * 40),
            "BENCH_REFERENCE": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": "dummymail://",
            "TASKS_BACKEND": env.get("TASKS_BACKEND", "immediate"),
            "SESSION_IDLE_TIMEOUT": "0",
        }
    )
    return env


def server_command(args, port: int) -> list[str]:
    if args.server == "uvicorn":
        command = [
            str(VENV_BIN / "uvicorn"),
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--ws",
            "websockets-sansio",
            "--ws-max-size",
            "16384",
            "--no-server-header",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
    elif args.server == "uvicorn-wsgi":  # the same workers serving Django's WSGI handler (HTTP only)
        command = [
            str(VENV_BIN / "uvicorn"),
            "config.wsgi:application",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--no-server-header",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
    elif args.server == "gunicorn":  # the production page server (WebSockets are uvicorn's)
        command = [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi:application",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ]
    else:
        raise SystemExit(f"unknown server {args.server}")
    if args.server_cpus and shutil.which("taskset"):
        command = ["taskset", "-c", args.server_cpus, *command]
    return command


def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start; see the server log")


def login(base: str, email: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password}).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=data, headers={"Referer": base + "/"})
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit("login failed: is the benchmark data generated (manage.py bench_data)?")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def results_address(base: str, path: str, cookie: str) -> str:
    """Discreet mode answers a search address with a redirect to a results page whose term
    lives in the session: the page to measure is that one, in the same session."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(urllib.request.Request(base + path, headers={"Cookie": cookie})).read()
    except urllib.error.HTTPError as redirect:
        if redirect.code == 302 and redirect.headers.get("Location", "").startswith("/"):
            return redirect.headers["Location"]
        raise
    return path


def pages(thread_url: str, last_page: int) -> list[tuple[str, str, bool]]:
    """(name, path, logged in)."""
    return [
        ("reference", "/bench/reference/", False),
        ("reference (with session)", "/bench/reference/", True),
        ("dashboard", "/", True),
        ("thread list", "/forum/", True),
        ("thread page 1", f"{thread_url}?page=1", True),
        (f"thread page {last_page:,} (last)", f"{thread_url}?page={last_page}", True),
        ("library with facets", "/resources/?theme=domestic-ipv&language=ru", True),
        ("search", "/search/?q=" + urllib.parse.quote("кризисный центр"), True),
        ("member directory", "/members/", True),
    ]


def query_counts(targets, member_email: str) -> dict[str, tuple[int, int, int]]:
    """SQL queries, status and body size of each page, rendered in this process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User

    setup_test_environment()
    member = User.objects.get(email=member_email)
    anonymous, client = Client(SERVER_NAME="127.0.0.1"), Client(SERVER_NAME="127.0.0.1")
    client.force_login(member)
    counts = {}
    for name, path, logged_in in targets:
        if "reference" in name:
            continue
        visitor = client if logged_in else anonymous
        response = visitor.get(path)  # warm caches as a running server would have them
        if response.status_code == 302 and response.url.startswith("/"):
            path = response.url  # the search results page (discreet mode)
            visitor.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(path)
        counts[name] = (len(queries), response.status_code, len(response.content))
    return counts


def run_wrk(args, url: str, cookie: str | None, script: str) -> dict:
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency"]
    command += ["--timeout", "10s"]
    command += ["-s", script, "-H", "Accept-Encoding: gzip, br", "-H", "Accept-Language: en"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if args.close:
        command += ["-H", "Connection: close"]
    command.append(url)
    if args.wrk_cpus and shutil.which("taskset"):
        command = ["taskset", "-c", args.wrk_cpus, *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line[len("WRK_JSON ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument("--server", choices=["uvicorn", "uvicorn-wsgi", "gunicorn"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=4, help="the README's recommendation for 2 cores")
    parser.add_argument("--server-cpus", default="0", help="taskset CPU list of the server ('' for none)")
    parser.add_argument("--wrk-cpus", default="1", help="taskset CPU list of wrk ('' for none)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--close",
        action="store_true",
        help="a new connection per request, as nginx opens to its upstream by default: the kernel then "
        "spreads requests over the workers, whereas wrk's kept-alive connections stay on the workers "
        "that happened to accept them",
    )
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--password", default="bench-password")
    parser.add_argument("--only", help="comma-separated page names (substring match)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL benchmark database (see the docstring)")
    os.environ.update(server_env(args))

    subprocess.run([str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from forum.models import Thread

    thread = Thread.objects.order_by("-post_count", "id").first()
    targets = pages(thread.get_absolute_url(), thread.page_count)
    if args.only:
        wanted = args.only.split(",")
        targets = [t for t in targets if t[0].startswith("reference") or any(w in t[0] for w in wanted)]
    counts = query_counts(targets, BENCH_MEMBER)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(tempfile.gettempdir()) / "hub-http-bench-server.log", "w")  # noqa: SIM115 (lives as long as the server)
    server = subprocess.Popen(
        server_command(args, port), cwd=ROOT, env=server_env(args), stdout=log, stderr=log, start_new_session=True
    )
    results = {}
    try:
        wait_ready(base)
        cookie = login(base, BENCH_MEMBER, args.password)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA)
        for name, path, logged_in in targets:
            if name == "search":
                path = results_address(base, path, cookie)
            # Warm up: every worker opens its database connection and fills its caches.
            run_wrk(
                argparse.Namespace(**{**vars(args), "duration": 2}),
                base + path,
                cookie if logged_in else None,
                script.name,
            )
            results[name] = run_wrk(args, base + path, cookie if logged_in else None, script.name)
            r = results[name]
            print(
                f"{name:<28} {r['rps']:8.1f} req/s  p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                f"p99 {r['p99']:7.1f} ms  errors {r['errors']}  statuses {r['statuses']}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    reference = results["reference"]["rps"]
    load = os.getloadavg()
    print()
    print(
        f"server: {args.server}, {args.workers} workers on CPUs {args.server_cpus or 'all'}; wrk {args.threads} thread(s), "
        f"{args.connections} connections{' (one per request)' if args.close else ''}, {args.duration} s per page "
        f"on CPUs {args.wrk_cpus or 'all'}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"thread: {thread.post_count:,} posts, {thread.page_count:,} pages")
    print()
    print("| page | SQL queries | body bytes (uncompressed) | req/s | ratio to reference | p50 | p95 | p99 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        queries, status, size = counts.get(name, ("–", "", ""))
        print(
            f"| {name} | {queries} | {size:,} | {r['rps']:.1f} | {r['rps'] / reference:.2f} | {r['p50']:.1f} ms | "
            f"{r['p95']:.1f} ms | {r['p99']:.1f} ms |"
            if size != ""
            else f"| {name} | 0 | – | {r['rps']:.1f} | {r['rps'] / reference:.2f} | {r['p50']:.1f} ms | "
            f"{r['p95']:.1f} ms | {r['p99']:.1f} ms |"
        )
        if status and status != 200:
            print(f"  (status {status} in process)")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"results": results, "queries": counts, "load": load, "args": vars(args)}, indent=2)
        )


if __name__ == "__main__":
    main()
