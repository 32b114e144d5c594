"""The server refuses WebSocket frames above the chat protocol's limit before reading them."""

import asyncio
import json
import re
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from chat import consumers
from chat.consumers import MAX_FRAME_BYTES
from tests.factories import UserFactory
from tests.helpers import LIVE_DB, free_port

from .ws import session_cookie

BASE_DIR = Path(settings.BASE_DIR)
# Every place that starts uvicorn for the chat.
SERVER_COMMANDS = ["Makefile", "README.md", "bench/http_bench.py", "bench/ws_bench.py"]


@pytest.mark.parametrize("path", SERVER_COMMANDS)
def test_every_documented_server_command_limits_frames_to_the_protocols_size(path):
    text = (BASE_DIR / path).read_text()
    limits = re.findall(r'--ws-max-size"?,?\s*"?(\d+)', text)
    assert limits, f"{path} starts uvicorn without --ws-max-size"
    assert {int(limit) for limit in limits} == {MAX_FRAME_BYTES}


@pytest.fixture
def uvicorn_port():
    import uvicorn

    from config.asgi import application

    port = free_port()
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="websockets-sansio",
        ws_max_size=MAX_FRAME_BYTES,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


@LIVE_DB
def test_a_frame_over_the_limit_closes_the_connection_before_the_consumer_reads_it(uvicorn_port, monkeypatch):
    import websockets

    frames_read = []
    real_receive = consumers.ChatConsumer.receive

    async def counting_receive(self, text_data=None, bytes_data=None, **kwargs):
        frames_read.append(len(text_data or bytes_data or ""))
        return await real_receive(self, text_data=text_data, bytes_data=bytes_data, **kwargs)

    monkeypatch.setattr(consumers.ChatConsumer, "receive", counting_receive)
    cookie = session_cookie(UserFactory())

    async def talk() -> int:
        async with websockets.connect(
            f"ws://127.0.0.1:{uvicorn_port}/ws/chat/",
            origin=f"http://127.0.0.1:{uvicorn_port}",
            additional_headers={"Cookie": f"sessionid={cookie}"},
        ) as ws:
            assert json.loads(await ws.recv())["type"] == "ready"
            await ws.send(json.dumps({"type": "ping"}))
            assert json.loads(await ws.recv())["type"] == "pong"
            await ws.send(json.dumps({"type": "send", "room": 1, "client_id": "big", "body": "1-" * 9000}))
            try:
                while True:
                    await asyncio.wait_for(ws.recv(), timeout=10)
            except websockets.ConnectionClosed as closed:
                return closed.rcvd.code

    assert asyncio.run(talk()) == 1009  # "message too big"
    assert frames_read == [len(json.dumps({"type": "ping"}))]  # the big frame never reached it
