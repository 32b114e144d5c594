"""Where the time of a page goes, one request at a time in one process.

Renders each page K times with Django's test client, logged in as the benchmark member of
``manage.py bench_data``, and reports per page the median total time, the SQL time and
query count, the time spent rendering templates (the outermost ``Template.render`` of the
response, so includes count once) and the number of template nodes rendered.

    createdb -h 127.0.0.1 -U postgres hub_prof
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_prof .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py bench_data --size S
    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/profile_pages.py
    #   --repeat 30  --only "thread page,forum index"  --detail  --json out.json

The timed renders run without instrumentation apart from the template and SQL timers; the
nodes and the per-template breakdown (``--detail``) come from one extra, counted render whose
own timings are not reported. The first render of each page warms the caches, as a running
server would have them, and is not counted.
"""

import argparse
import json
import os
import statistics
import sys
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_MEMBER = "bench.member@example.org"


def pages(thread_url: str, last_page: int, category_url: str) -> list[tuple[str, str]]:
    """(name, path): the pages of http_bench.py, plus the forum's other list pages."""
    return [
        ("thread page 1", f"{thread_url}?page=1"),
        (f"thread page {last_page:,} (last)", f"{thread_url}?page={last_page}"),
        ("forum index", "/forum/"),
        ("thread list (category)", category_url),
        ("forum categories", "/forum/?view=categories"),
        ("library with facets", "/resources/?theme=domestic-ipv&language=ru"),
        ("search", "/search/?q=" + urllib.parse.quote("кризисный центр")),
        ("member directory", "/members/"),
        ("dashboard", "/"),
    ]


class Timers:
    """Wraps Template.render (outermost call only, unless counting) and every SQL query."""

    def __init__(self):
        self.template_s = 0.0
        self.template_cpu_s = 0.0
        self.sql_s = 0.0
        self.queries = 0
        self.depth = 0
        self.counting = False
        self.nodes = 0
        self.by_template: dict[str, float] = defaultdict(float)
        self.calls: Counter = Counter()

    def reset(self):
        self.template_s = self.template_cpu_s = self.sql_s = 0.0
        self.queries = self.nodes = 0
        self.by_template.clear()
        self.calls.clear()

    def install(self):
        from django.template import base

        timers = self
        original_render = base.Template.render
        original_annotated = base.Node.render_annotated

        def render(template, context):
            timers.depth += 1
            start, start_cpu = time.perf_counter(), time.thread_time()
            try:
                return original_render(template, context)
            finally:
                elapsed = time.perf_counter() - start
                timers.depth -= 1
                if timers.depth == 0:
                    timers.template_s += elapsed
                    timers.template_cpu_s += time.thread_time() - start_cpu
                if timers.counting:
                    name = template.origin.template_name if template.origin else "?"
                    timers.by_template[str(name)] += elapsed
                    timers.calls[str(name)] += 1

        def render_annotated(node, context):
            if timers.counting:
                timers.nodes += 1
            return original_annotated(node, context)

        base.Template.render = render
        base.Node.render_annotated = render_annotated

    def sql_wrapper(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_s += time.perf_counter() - start
            self.queries += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""), help="'' for the local-memory cache")
    parser.add_argument("--repeat", "-k", type=int, default=20, help="timed renders per page")
    parser.add_argument("--only", help="comma-separated page names (substring match)")
    parser.add_argument("--detail", action="store_true", help="also print the templates that take the most time")
    parser.add_argument("--language", default="en", help="interface language of the member's session")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("set DATABASE_URL to a database filled by manage.py bench_data (see the docstring)")

    database = urllib.parse.urlparse(args.database_url).path.strip("/").replace("/", "-") or "db"
    os.environ.update(
        {
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "DEBUG": "0",
            "PRODUCTION": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-" + "x" * 40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": "dummymail://",
            "TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "immediate"),
            "SESSION_IDLE_TIMEOUT": "0",
            # Cached fragments and counts of one benchmark database never meet another's.
            "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", f"prof-{database}"),
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from forum.models import Category, Thread

    thread = Thread.objects.order_by("-post_count", "id").first()
    if thread is None:
        raise SystemExit("no threads: run manage.py bench_data first")
    category = Category.objects.filter(threads__isnull=False).order_by("id").first()
    targets = pages(thread.get_absolute_url(), thread.page_count, category.get_absolute_url())
    if args.only:
        wanted = [w.strip() for w in args.only.split(",")]
        targets = [t for t in targets if any(w in t[0] for w in wanted)]

    timers = Timers()
    timers.install()
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(email=BENCH_MEMBER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = args.language

    results = {}
    with connection.execute_wrapper(timers.sql_wrapper):
        for name, path in targets:
            response = client.get(path)  # warm-up: caches filled as on a running server
            if response.status_code == 302 and response.url.startswith("/"):
                # Discreet mode moves a search term out of the address: time the results page.
                path = response.url
                response = client.get(path)
            if response.status_code != 200:
                print(f"{name}: status {response.status_code} for {path}", file=sys.stderr)
            totals, cpus, sqls, templates, template_cpus, counts = [], [], [], [], [], []
            for _ in range(args.repeat):
                timers.reset()
                start, start_cpu = time.perf_counter(), time.thread_time()
                client.get(path)
                totals.append(time.perf_counter() - start)
                cpus.append(time.thread_time() - start_cpu)
                sqls.append(timers.sql_s)
                templates.append(timers.template_s)
                template_cpus.append(timers.template_cpu_s)
                counts.append(timers.queries)
            timers.reset()
            timers.counting = True
            response = client.get(path)
            timers.counting = False
            results[name] = {
                "path": path,
                "status": response.status_code,
                "bytes": len(response.content),
                "total_ms": statistics.median(totals) * 1000,
                "total_cpu_ms": statistics.median(cpus) * 1000,
                "sql_ms": statistics.median(sqls) * 1000,
                "queries": max(counts),
                "template_ms": statistics.median(templates) * 1000,
                "template_cpu_ms": statistics.median(template_cpus) * 1000,
                "nodes": timers.nodes,
                "templates": sorted(
                    ((n, t * 1000, timers.calls[n]) for n, t in timers.by_template.items()),
                    key=lambda row: -row[1],
                )[:12],
            }

    load = os.getloadavg()
    print(
        f"size: thread of {thread.post_count:,} posts, {thread.page_count:,} pages; database {connection.vendor}; "
        f"cache {'Redis' if args.redis_url else 'local memory'}; {args.repeat} renders per page, medians; "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    print()
    print("| page | total | total CPU | SQL | queries | templates | templates CPU | template nodes | body bytes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['total_ms']:.1f} ms | {r['total_cpu_ms']:.1f} ms | {r['sql_ms']:.1f} ms | {r['queries']} | "
            f"{r['template_ms']:.1f} ms | {r['template_cpu_ms']:.1f} ms | {r['nodes']:,} | {r['bytes']:,} |"
        )
    if args.detail:
        for name, r in results.items():
            print(f"\n{name}: templates by inclusive time in the counted render (ms, renders)")
            for template_name, ms, calls in r["templates"]:
                print(f"  {ms:7.2f}  {calls:4d}  {template_name}")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "load": load, "args": vars(args)}, indent=2))


if __name__ == "__main__":
    main()
