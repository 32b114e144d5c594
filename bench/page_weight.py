"""Page weight: bytes transferred per main page in Chromium, first and repeat load.

Starts the production server setup (as bench/http_bench.py does), logs in the benchmark
member, and opens each page in a fresh browser profile (first load: empty cache), then opens
it again in the same profile (repeat load: static files from the cache, the page itself is
never stored). Bytes are what went over the wire, compressed, headers included, as Chromium's
network log reports them (Network.loadingFinished encodedDataLength).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/page_weight.py
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from http_bench import BENCH_MEMBER, free_port, login, pages, server_command, server_env, wait_ready  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def load(page, cdp, url: str) -> dict:
    totals = {"bytes": 0, "requests": 0, "from_cache": 0, "by_type": {}}
    types = {}

    def on_response(event):
        types[event["requestId"]] = event.get("type", "Other")
        if event["response"].get("fromDiskCache") or event["response"].get("fromMemoryCache"):
            totals["from_cache"] += 1

    def on_cached(event):
        totals["from_cache"] += 1

    def on_finished(event):
        size = int(event.get("encodedDataLength", 0))
        totals["bytes"] += size
        totals["requests"] += 1
        kind = types.get(event["requestId"], "Other")
        totals["by_type"][kind] = totals["by_type"].get(kind, 0) + size

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.requestServedFromCache", on_cached)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    cdp.remove_listener("Network.responseReceived", on_response)
    cdp.remove_listener("Network.requestServedFromCache", on_cached)
    cdp.remove_listener("Network.loadingFinished", on_finished)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument("--server", default="uvicorn")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server-cpus", default="")
    parser.add_argument("--password", default="bench-password")
    parser.add_argument("--json")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL benchmark database")
    env = server_env(args)
    os.environ.update(env)
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from forum.models import Thread

    thread = Thread.objects.order_by("-post_count", "id").first()
    targets = [
        (name, path) for name, path, logged_in in pages(thread.get_absolute_url(), thread.page_count) if logged_in
    ]
    targets = [(name, path) for name, path in targets if not name.startswith("reference")]

    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(tempfile.gettempdir()) / "hub-page-weight-server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        server_command(args, port), cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )
    results = {}
    try:
        wait_ready(base)
        cookie = login(base, BENCH_MEMBER, args.password)
        cookies = [
            {"name": name, "value": value, "url": base}
            for name, value in (part.split("=", 1) for part in cookie.split("; "))
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, path in targets:
                # The offline page's service worker fetches pages itself, out of this page's
                # network log; without it every byte goes through the page and is counted.
                context = browser.new_context(service_workers="block")
                context.add_cookies(cookies)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                first = load(page, cdp, base + path)
                repeat = load(page, cdp, base + path)
                results[name] = {"first": first, "repeat": repeat, "title": page.title()}
                print(
                    f"{name:<28} first {first['bytes'] / 1024:6.1f} KB ({first['requests']} requests)  "
                    f"repeat {repeat['bytes'] / 1024:6.1f} KB ({repeat['requests']} requests, "
                    f"{repeat['from_cache']} from cache)",
                    flush=True,
                )
                context.close()
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    print()
    print("| page | first load | requests | of which the page itself | repeat load | requests |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        first, repeat = r["first"], r["repeat"]
        document = first["by_type"].get("Document", 0)
        print(
            f"| {name} | {first['bytes'] / 1024:.1f} KB | {first['requests']} | {document / 1024:.1f} KB | "
            f"{repeat['bytes'] / 1024:.1f} KB | {repeat['requests']} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
