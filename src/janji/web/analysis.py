"""Analyse an upload (file or pasted text) for the upload page and `POST /api/v1/documents`."""
from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any

from fastapi import HTTPException

from janji.errors import JanjiError
from janji.web import upload, views

log = logging.getLogger("janji.web")
BUSY_WAIT = 60.0  # seconds an upload waits for the analysis before the visitor is told to retry


def read_upload(file, text: str | None, name: str | None) -> upload.Upload:
    """The one input to analyse, checked; raises HTTPException with the visitor's message."""
    has_file = file is not None and (file.filename or "") != ""
    try:
        if has_file:
            data = file.file.read(upload.MAX_UPLOAD_BYTES + 1)
            return upload.check_upload(name or file.filename, data)
        if text is not None and text.strip():
            return upload.check_text(text, name)
    except upload.UploadRejected as exc:
        raise HTTPException(exc.status, exc.message) from None
    raise HTTPException(422, "pilih berkas atau tempel teks untuk dianalisis")


def analyse_upload(app, *, file=None, text: str | None = None, name: str | None = None,
                   save: bool = False) -> dict[str, Any]:
    """Check, analyse and (on a writable portal, when asked) store one upload.

    Returns ``{"stored", "id", "url", "document": janji/1, "text", "warnings"}``.
    """
    if save and not app.state.writable:
        raise HTTPException(403, "portal ini hanya-baca: unggahan dianalisis tetapi tidak disimpan")
    item = read_upload(file, text, name)
    if not app.state.analysis_lock.acquire(timeout=BUSY_WAIT):
        raise HTTPException(503, "server sedang menganalisis dokumen lain; coba lagi sebentar lagi")
    try:
        doc = run_isolated(item.data, item.name)
    finally:
        app.state.analysis_lock.release()
    result: dict[str, Any] = {"stored": False, "id": None, "url": None, "document": doc.to_json(),
                              "text": doc.text, "warnings": list(doc.warnings)}
    if save:
        from janji.web import queries

        doc_id = queries.store_document(app.state.store, doc)
        result.update(stored=True, id=doc_id, url=f"/dokumen/{doc_id}")
    return result


def run_isolated(data: bytes, name: str):
    """Analyse in a forked child process with the pipeline's time limit.

    In the server's worker threads the pipeline cannot arm its SIGALRM
    deadline, and a defect in a reader (a native PDF library, a regex on a
    pathological text) must not hang or crash the portal: the child is killed
    after :data:`janji.pipeline.TIME_LIMIT` (+ a margin) and the visitor gets
    a message. Where ``fork`` does not exist the analysis runs in the thread.
    """
    from janji.document import Document
    from janji.pipeline import TIME_LIMIT

    if "fork" not in multiprocessing.get_all_start_methods():
        return _analyse_here(data, name)
    _warm_up()
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, data, name), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIME_LIMIT + 10):
            raise HTTPException(422, f"{name}: analisis melebihi batas waktu {TIME_LIMIT:.0f} detik")
        try:
            status, payload = receiver.recv()
        except EOFError:  # the child died (a crash in a native reader)
            raise HTTPException(422, f"{name}: gagal dianalisis (proses analisis berhenti)") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
    if status != "ok":
        raise HTTPException(422, payload)
    doc = Document.from_json(payload["document"])
    doc.text = payload["text"]
    doc.warnings = payload["warnings"]
    return doc


_warm = False


def _warm_up() -> None:
    """Load every stage and its models in the server once, on a known tiny text, so each forked
    child starts with them in memory (copy-on-write) instead of loading them per upload."""
    global _warm
    if not _warm:
        from janji.pipeline import analyze

        try:
            analyze("Visi: Kota Sehat\nMisi:\n1. Membangun 10 puskesmas baru\n", name="pemanasan.txt", time_limit=None)
        except Exception:  # the real analysis in the child will report whatever is wrong
            log.exception("warm-up analysis failed")
        _warm = True


def _child(sender, data: bytes, name: str) -> None:
    try:
        try:
            from janji.pipeline import analyze

            doc = analyze(data, name=name)  # main thread of this process: the deadline is armed
            sender.send(("ok", {"document": doc.to_json(), "text": doc.text, "warnings": list(doc.warnings)}))
        except JanjiError as exc:
            sender.send(("error", str(exc)))
        except Exception as exc:  # reported to the visitor as one line; the traceback goes to the log
            log.exception("analysis of %s failed", name)
            sender.send(("error", f"{name}: gagal dianalisis ({type(exc).__name__})"))
        sender.close()
    finally:
        os._exit(0)  # no atexit handlers or inherited connections of the server in the child


def _analyse_here(data: bytes, name: str):
    from janji.pipeline import analyze

    try:
        return analyze(data, name=name)
    except JanjiError as exc:
        raise HTTPException(422, str(exc)) from None
    except Exception as exc:  # a defect in one stage must give the visitor a message, not a 500 page
        log.exception("analysis of %s failed", name)
        raise HTTPException(422, f"{name}: gagal dianalisis ({type(exc).__name__})") from None


def result_view(result: dict[str, Any]) -> dict[str, Any]:
    """The upload result in the shape the document page shows (items numbered for anchors)."""
    data = result["document"]
    items = [views.decorate(i) for i in views.number_items(_with_spans(data["items"]))]
    flat = views.flatten(items)
    return {
        "id": result.get("id"), "name": data["source"]["name"], "kind": data.get("kind"), "title": None,
        "url": None, "region": data.get("region"), "period": data.get("period"),
        "candidates": data.get("candidates") or [], "items": items, "text": result["text"],
        "segments": views.segments(result["text"], flat), "warnings": result.get("warnings") or [],
        "counts": views.kind_counts(flat), "measurable_share": views.measurable_share(flat),
    }


def _with_spans(items):
    # janji/1 JSON carries spans as lists already; nothing to convert, but keep the tree a copy
    return [dict(i, children=_with_spans(i.get("children") or [])) for i in items]
