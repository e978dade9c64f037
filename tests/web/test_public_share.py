"""PublicShare: the public's reads take at most a few of the worker threads; signed-in people, API tokens
and writes never wait behind them."""
from __future__ import annotations

import asyncio
import threading

from janji.web.security import PublicShare


def scope(method="GET", headers=()):
    return {"type": "http", "method": method, "path": "/pantau/butir/1", "headers": list(headers)}


def test_public_reads_wait_their_turn_and_the_rest_pass():
    inside: list[str] = []
    release = asyncio.Event()

    async def app(sc, receive, send):
        inside.append(sc["name"])
        await release.wait()

    async def main():
        share = PublicShare(app, limit=2, session_cookie="janji_sesi")

        def call(name, **kw):
            sc = scope(**kw) | {"name": name}
            return asyncio.create_task(share(sc, None, None))

        tasks = [call(f"publik-{i}") for i in range(4)]
        tasks.append(call("token", headers=[(b"authorization", b"Bearer jnj_x")]))
        tasks.append(call("sesi", headers=[(b"cookie", b"a=1; janji_sesi=abc")]))
        tasks.append(call("tulis", method="POST"))
        for _ in range(5):
            await asyncio.sleep(0)
        first = sorted(inside)
        release.set()
        await asyncio.gather(*tasks)
        return first, sorted(inside)

    # on a thread of its own: a test run may already have an event loop running on this one
    result = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(main())))
    worker.start()
    worker.join(30)
    first, done = result[0]
    # two public reads inside, two waiting; the editor's token, the signed-in visitor and the write went in
    assert first == sorted(["publik-0", "publik-1", "token", "sesi", "tulis"])
    assert done == sorted(["publik-0", "publik-1", "publik-2", "publik-3", "sesi", "tulis", "token"])


def test_a_cookie_named_like_the_session_is_not_mistaken_for_it():
    share = PublicShare(None, limit=1, session_cookie="janji_sesi")
    assert share._public(scope(headers=[(b"cookie", b"bukan_janji_sesi_x=1")])) is True
    assert share._public(scope(headers=[(b"cookie", b"janji_sesi=1")])) is False
