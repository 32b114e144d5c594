"""WebSocket fan-out: delivery latency, loss, duplicates and memory per connection.

For each N (default 100, 500, 1000) the benchmark member of ``manage.py bench_data`` opens N
chat WebSockets split evenly across two server processes (uvicorn, config.asgi, Redis channel
layer, so a message sent through one process reaches the other through Redis); all of them
say ``hello`` for the benchmark room. The benchmark sender, on a connection of its own, sends
messages to that room at a fixed rate (below the chat's rate limit of one a second). Each
delivery's latency is the time from the ``send`` frame to the ``message`` frame on a reader;
a message is lost when a reader never gets it, duplicated when a reader gets it twice.
Memory per connection is the growth of the two processes' resident memory divided by N.

The reference on the same run: a bare ``websockets`` broadcast server (one process, no
database, no channel layer) with the same N and the same sender.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/ws_bench.py
"""

import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
VENV_BIN = ROOT / ".venv" / "bin"

from http_bench import free_port, login, server_env, wait_ready  # noqa: E402

BENCH_MEMBER = "bench.member@example.org"
BENCH_SENDER = "bench.sender@example.org"
BENCH_ROOM = "bench-fanout"

BARE_SERVER = r"""
import asyncio, json, sys
from websockets.asyncio.server import broadcast, serve

clients = set()

async def handler(ws):
    clients.add(ws)
    try:
        await ws.send(json.dumps({"type": "ready"}))
        async for frame in ws:
            data = json.loads(frame)
            if data.get("type") == "send":
                message = {"type": "message", "message": {"client_id": data["client_id"], "body": data["body"]}}
                broadcast(clients, json.dumps(message))
                await ws.send(json.dumps({"type": "ack", "client_id": data["client_id"]}))
    finally:
        clients.discard(ws)

async def main():
    async with serve(handler, "127.0.0.1", int(sys.argv[1]), max_size=2**16):
        await asyncio.Future()

asyncio.run(main())
"""


def rss_kb(pid: int) -> int:
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process and its children have used, in milliseconds: on a
    busy machine latency mostly measures the queue for the cores, this measures the work."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * 1000 / ticks


def pinned(command: list[str], cpus: str) -> list[str]:
    return ["taskset", "-c", cpus, *command] if cpus and shutil.which("taskset") else command


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


async def run_fanout(
    urls: list[str],
    n: int,
    *,
    reader_cookie,
    sender_cookie,
    room_id,
    messages,
    interval,
    same_origin,
    measure=None,
    operator=None,
):
    """Open n readers over ``urls`` (round robin), send ``messages`` at ``interval`` from a
    sender on urls[0]; return latencies (ms), lost, duplicated, refused. ``operator``, when
    given, is called before and after the sending phase and returns counters (Redis commands
    and bytes, database connections) whose growth is reported per message. ``same_origin``: send
    each socket's own page origin (the hub accepts no other), else no Origin header."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    sent_at: dict[str, float] = {}
    received: list[dict[str, int]] = [{} for _ in range(n)]
    latencies: list[float] = []
    tag = f"b{n}-{int(time.time())}"
    synced = [asyncio.Event() for _ in range(n)]

    dropped: set[int] = set()

    def page_origin(url: str) -> str | None:
        # Each server is reached at its own port, so each has its own origin.
        return url.replace("ws://", "http://", 1).split("/ws/", 1)[0] if same_origin else None

    async def reader(i: int, ready: asyncio.Event):
        try:
            await read(i, ready)
        except (ConnectionClosed, OSError):
            # The server closed the connection: what it did not deliver counts as lost.
            dropped.add(i)
            ready.set()
            synced[i].set()

    async def read(i: int, ready: asyncio.Event):
        headers = {"Cookie": reader_cookie} if reader_cookie else {}
        async with connect(
            urls[i % len(urls)], additional_headers=headers, origin=page_origin(urls[i % len(urls)]), max_size=2**20
        ) as ws:
            ready.set()
            async for frame in ws:
                data = json.loads(frame)
                kind = data.get("type")
                if kind == "ready":
                    rooms = {str(r["id"]): r["last_seq"] for r in data.get("rooms", []) if r["id"] == room_id}
                    if room_id is None or rooms:
                        if room_id is not None:
                            await ws.send(json.dumps({"type": "hello", "rooms": rooms}))
                        else:
                            synced[i].set()
                elif kind == "synced":
                    synced[i].set()
                elif kind == "message":
                    client_id = data["message"].get("client_id", "")
                    if client_id.startswith(tag):
                        now = time.perf_counter()
                        count = received[i].get(client_id, 0)
                        received[i][client_id] = count + 1
                        if count == 0 and client_id in sent_at:
                            latencies.append((now - sent_at[client_id]) * 1000)
                elif kind == "stop":
                    return

    tasks, started = [], time.perf_counter()
    for i in range(n):
        ready = asyncio.Event()
        tasks.append(asyncio.create_task(reader(i, ready)))
        await asyncio.wait([asyncio.create_task(ready.wait()), tasks[-1]], return_when=asyncio.FIRST_COMPLETED)
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in synced)), timeout=120)
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(1)
    rss_during = measure() if measure else None
    failed = [t for t in tasks if t.done() and t.exception()]
    if failed:
        raise failed[0].exception()

    acked, refused = set(), []
    headers = {"Cookie": sender_cookie} if sender_cookie else {}
    async with connect(urls[0], additional_headers=headers, origin=page_origin(urls[0])) as sender:
        # One message before the timed ones, as a running server has had: the first send after
        # a start loads every language's catalogue and compiles the templates (about 1.5 s),
        # which would otherwise be one timed message in twenty, the p95 itself. Its deliveries
        # still count for lost and duplicated, not for latency or the operator's figures.
        warm = {"type": "send", "room": room_id, "client_id": f"{tag}-warm", "body": "Fan-out warm-up"}
        await sender.send(json.dumps(warm))
        await asyncio.sleep(max(interval, 2.0))
        counters_before = operator() if operator else None

        async def acks():
            async for frame in sender:
                data = json.loads(frame)
                if data.get("type") == "ack":
                    acked.add(data["client_id"])
                elif data.get("type") == "error":
                    refused.append(data.get("code"))

        ack_task = asyncio.create_task(acks())
        next_at = time.perf_counter()
        for k in range(messages):
            client_id = f"{tag}-{k}"
            sent_at[client_id] = time.perf_counter()
            frame = {
                "type": "send",
                "room": room_id,
                "client_id": client_id,
                "body": f"Fan-out check {k}: горячая линия",
            }
            await sender.send(json.dumps(frame))
            next_at += interval
            await asyncio.sleep(max(0, next_at - time.perf_counter()))
        await asyncio.sleep(5)  # let the last deliveries arrive
        ack_task.cancel()
    counters_after = operator() if operator else None
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    expected = acked or set(sent_at)
    lost = sum(len(expected - set(r)) for r in received)
    duplicated = sum(count - 1 for r in received for count in r.values() if count > 1)
    return {
        "latencies": latencies,
        "lost": lost,
        "duplicated": duplicated,
        "refused": refused,
        "acked": len(acked),
        "connect_s": connect_seconds,
        "rss_during_kb": rss_during,
        "dropped": len(dropped),
        "operator": _per_message(counters_before, counters_after, len(sent_at)),  # timed messages only
    }


def _per_message(before: dict | None, after: dict | None, messages: int) -> dict:
    if not before or not after or not messages:
        return {}
    figures = {f"{key}_per_message": (after[key] - before[key]) / messages for key in before if key != "db_connections"}
    figures["db_connections"] = after.get("db_connections")
    figures["db_connections_max"] = max(before.get("db_connections", 0), after.get("db_connections", 0))
    return figures


def _database_connections(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()
    return row[0] - 1  # this one


def operator_counters(redis_url: str, database_url: str, baseline: int = 0, pids: list[int] | None = None):
    """Counters an operator sizes a deployment with: Redis commands and network bytes (the
    channel layer and the cache share the server), and the benchmark database's open
    connections (the two server processes' pools; this script's own is subtracted)."""
    import redis

    client = redis.Redis.from_url(redis_url)

    def read() -> dict:
        # Synchronous on purpose (called between the phases of the run, from its event loop).
        stats = client.info("stats")
        db_connections = _database_connections(database_url) - baseline
        return {
            "redis_commands": stats["total_commands_processed"],
            "redis_in_bytes": stats["total_net_input_bytes"],
            "redis_out_bytes": stats["total_net_output_bytes"],
            "db_connections": db_connections,
            "server_cpu_ms": sum(cpu_ms(pid) for pid in pids or []),
        }

    return read


def summary(result: dict) -> dict:
    lat = result["latencies"]
    return {
        "deliveries": len(lat),
        "p50": percentile(lat, 0.50),
        "p95": percentile(lat, 0.95),
        "p99": percentile(lat, 0.99),
        "lost": result["lost"],
        "duplicated": result["duplicated"],
        "refused": len(result["refused"]),
        "acked": result["acked"],
        "connect_s": result["connect_s"],
        "rss_during_kb": result["rss_during_kb"],
        "dropped": result["dropped"],
        "operator": result.get("operator", {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument("--connections", default="100,500,1000")
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.1, help="seconds between messages (rate limit: 1/s)")
    parser.add_argument("--server-cpus", default="0")
    parser.add_argument("--client-cpus", default="1")
    parser.add_argument("--password", default="bench-password")
    parser.add_argument("--skip-bare", action="store_true")
    parser.add_argument("--json")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL benchmark database")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.client_cpus and shutil.which("taskset"):
        os.sched_setaffinity(0, {int(c) for c in args.client_cpus.split(",")})

    env = server_env(args)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from chat.models import Room

    room = Room.objects.get(slug=BENCH_ROOM)
    sizes = [int(n) for n in args.connections.split(",")]
    logdir = Path(tempfile.gettempdir())

    # This script's own connections, so that only the servers' are reported.
    baseline_connections = _database_connections(args.database_url)
    # Two ASGI processes sharing the Redis channel layer.
    ports = [free_port(), free_port()]
    servers = []
    for index, port in enumerate(ports):
        command = [str(VENV_BIN / "uvicorn"), "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--ws", "websockets-sansio", "--no-access-log", "--log-level", "warning", "--ws-max-size", "16384"]
        log = open(logdir / f"hub-ws-bench-{index}.log", "w")  # noqa: SIM115 (lives as long as the server)
        servers.append(
            subprocess.Popen(
                pinned(command, args.server_cpus), cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
        )
    results = {"hub": {}, "bare": {}}
    try:
        for port in ports:
            wait_ready(f"http://127.0.0.1:{port}")
        base = f"http://127.0.0.1:{ports[0]}"
        reader_cookie = login(base, BENCH_MEMBER, args.password)
        sender_cookie = login(base, BENCH_SENDER, args.password)
        urls = [f"ws://127.0.0.1:{port}/ws/chat/" for port in ports]
        for n in sizes:
            before = sum(rss_kb(s.pid) for s in servers)
            result = asyncio.run(
                run_fanout(
                    urls,
                    n,
                    reader_cookie=reader_cookie,
                    sender_cookie=sender_cookie,
                    room_id=room.pk,
                    messages=args.messages,
                    interval=args.interval,
                    same_origin=True,
                    measure=lambda: sum(rss_kb(s.pid) for s in servers),
                    operator=operator_counters(
                        args.redis_url, args.database_url, baseline_connections, [s.pid for s in servers]
                    ),
                )
            )
            figures = summary(result)
            figures["rss_before_kb"] = before
            figures["rss_per_connection_kb"] = (figures["rss_during_kb"] - before) / n
            results["hub"][n] = figures
            print(f"hub  N={n:5}: {json.dumps(figures)}", flush=True)
            time.sleep(2)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

    if not args.skip_bare:
        port = free_port()
        script = logdir / "hub-ws-bare-server.py"
        script.write_text(BARE_SERVER)
        bare = subprocess.Popen(
            pinned([str(VENV_BIN / "python"), str(script), str(port)], args.server_cpus),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # readers are cut off at the end of each round
            start_new_session=True,
        )
        try:
            time.sleep(1.5)
            url = f"ws://127.0.0.1:{port}/"
            for n in sizes:
                before = rss_kb(bare.pid)
                result = asyncio.run(
                    run_fanout(
                        [url],
                        n,
                        reader_cookie=None,
                        sender_cookie=None,
                        room_id=None,
                        messages=args.messages,
                        interval=args.interval,
                        same_origin=False,
                        measure=lambda: rss_kb(bare.pid),
                    )
                )
                results["bare"][n] = summary(result)
                results["bare"][n]["rss_per_connection_kb"] = (results["bare"][n]["rss_during_kb"] - before) / n
                print(f"bare N={n:5}: {json.dumps(results['bare'][n])}", flush=True)
        finally:
            os.killpg(bare.pid, signal.SIGTERM)
            bare.wait(timeout=10)

    load = os.getloadavg()
    print()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.messages} messages every {args.interval} s")
    print(
        "| N | server | deliveries | p50 | p95 | p99 | lost | duplicated | dropped connections | memory per connection | p95 ratio to bare |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for name in ("hub", "bare"):
            r = results[name].get(n)
            if not r:
                continue
            bare_p95 = results["bare"].get(n, {}).get("p95")
            ratio = f"{r['p95'] / bare_p95:.1f}x" if name == "hub" and bare_p95 else "–"
            memory = f"{r['rss_per_connection_kb']:.0f} KB" if r.get("rss_per_connection_kb") else "–"
            print(
                f"| {n:,} | {name} | {r['deliveries']:,} | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['p99']:.1f} ms | "
                f"{r['lost']} | {r['duplicated']} | {r['dropped']} | {memory} | {ratio} |"
            )
    print()
    print(
        "| N | server CPU per message (both processes) | Redis commands per message "
        "| Redis bytes in / out per message | database connections (both processes) |"
    )
    print("|---|---|---|---|---|")
    for n in sizes:
        op = results["hub"].get(n, {}).get("operator") or {}
        if op:
            print(
                f"| {n:,} | {op['server_cpu_ms_per_message']:.0f} ms | {op['redis_commands_per_message']:.0f} | {op['redis_in_bytes_per_message'] / 1024:.1f} KB / "
                f"{op['redis_out_bytes_per_message'] / 1024:.1f} KB | {op['db_connections_max']} |"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
