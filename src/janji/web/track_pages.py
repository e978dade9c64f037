"""Tracking's pages (``/pantau``, ``/masuk``, ``/akun``, ``/admin``), as one APIRouter.

Every page calls :class:`janji.track.Tracker` — the same rules as the API, the CLI and bulk import — and
renders with :func:`janji.web.render.render`. Forms carry a CSRF token; pages that need an account
redirect the public to ``/masuk``; an account without the right role or region gets 403.
"""
from __future__ import annotations

import functools
import re
import secrets
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from janji import sheets
from janji.errors import InputError
from janji.track import statuses as st
from janji.track.service import (MIN_PASSWORD, Actor, Conflict, Forbidden, Invalid, Throttled, TooLarge, TrackError,
                                 pair_filtered, read_table)
from janji.web import auth, feeds
from janji.web.params import StatusQ
from janji.web.render import HERE, render, render_error, render_html
from janji.web.track_api import download

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text200 = Annotated[str | None, Form(max_length=200)]
Text2k = Annotated[str | None, Form(max_length=4000)]

router = APIRouter(include_in_schema=False)


# --- helpers -----------------------------------------------------------------------------------------------------

def _t(request: Request):
    return auth.tracker(request)


def _context(request: Request, context: dict[str, Any], csrf: str) -> dict[str, Any]:
    limits = _t(request).settings
    return {"actor": auth.current_actor(request), "csrf": csrf, "definitions": st.definitions(),
            "evidence_limit": f"{limits.evidence_max_mb} MB", "evidence_max_bytes": limits.evidence_max_bytes,
            **context}


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200):
    """A tracking page: ``template`` with who is signed in, the form's CSRF token and the evidence limits."""
    ctx = _context(request, context, auth.csrf_token(request))
    return auth.finish(request, render(request, template, ctx, status_code))


# stands for the visitor's CSRF token in a page rendered once for every visitor (random: no page text has it)
CSRF_SLOT = "csrf-" + secrets.token_hex(20)


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/masuk?" + urlencode({"next": target}), status_code=303)


class _NeedLogin(Exception):
    pass


def _account(request: Request, *roles: str) -> Actor:
    actor = auth.current_actor(request)
    if actor.id is None:
        raise _NeedLogin()
    if roles and actor.role not in roles:
        raise HTTPException(403, "Akun Anda tidak berhak membuka halaman ini")
    return actor


def _csrf(request: Request, token: str | None) -> None:
    problem = auth.csrf_problem(request, token)
    if problem:
        raise HTTPException(403, problem)


def _file(request: Request, upload: UploadFile | None) -> tuple[str, bytes] | None:
    """An uploaded evidence file, read only up to the limit: a larger one is :class:`TooLarge` (the form is
    shown again with what was typed)."""
    if upload is None or not upload.filename:
        return None
    t = _t(request)
    data = upload.file.read(t.settings.evidence_max_bytes + 1)
    size = max(len(data), getattr(upload, "size", None) or 0)
    if size > t.settings.evidence_max_bytes:
        t.check_file(upload.filename, data, size=size)
    if not data:
        return None
    return upload.filename, data


def _throttled(response, exc: Throttled):
    response.headers["retry-after"] = str(exc.retry_after)
    return response


def _guard(fn):
    """Page routes: anonymous -> login redirect; TrackError -> an error page with its status."""
    @functools.wraps(fn)
    def wrapper(request: Request, *args, **kwargs):
        try:
            return fn(request, *args, **kwargs)
        except _NeedLogin:
            return _login_redirect(request)
        except TrackError as exc:
            return render_error(request, exc.status_code, "Tidak dapat diproses", exc.message)

    return wrapper


def _local(next_url: str | None) -> str:
    """Only same-site paths after login (no open redirect)."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/pantau"


# --- login --------------------------------------------------------------------------------------------------------

@router.get("/masuk")
def login_form(request: Request, next: Annotated[str | None, Query(max_length=500)] = None):
    return page(request, "track/login.html", {"next": _local(next)})


@router.post("/masuk")
def login(request: Request, username: Text200 = None, password: Text200 = None, csrf: Text200 = None,
          next: Annotated[str | None, Form(max_length=500)] = None):
    _csrf(request, csrf)
    t = _t(request)
    ip = auth.client_ip(request)
    try:
        actor, _ = t.authenticate(username or "", password or "", ip=ip,
                                  device=auth.device_nonce(request, username or ""))
    except TrackError as exc:
        response = page(request, "track/login.html", {"next": _local(next), "error": exc.message,
                                                       "username": username or ""}, exc.status_code)
        return _throttled(response, exc) if isinstance(exc, Throttled) else response
    response = RedirectResponse(_local(next), status_code=303)
    auth.set_session(request, response, t.start_session(actor, ip))
    auth.set_device(request, response, actor.username)
    return response


@router.post("/keluar")
def logout(request: Request, csrf: Text200 = None):
    _csrf(request, csrf)
    token = auth.session_token(request)
    if token:
        _t(request).end_session(token)  # the cookie is worthless from now on, wherever it was copied to
    response = RedirectResponse("/pantau", status_code=303)
    auth.clear_session(request, response)
    return response


# --- public pages ---------------------------------------------------------------------------------------------------

@router.get("/pantau")
def index(request: Request):
    return page(request, "track/index.html", {"regions": _t(request).regions_rollup(),
                                              "api": "/api/v1/track/regions"})


@router.get("/pantau/wilayah/{region_id}")
def region(request: Request, region_id: Id):
    card = _t(request).scorecard(region_id)
    if card is None:
        raise HTTPException(404, "wilayah tidak ditemukan")
    return page(request, "track/region.html", {"card": card, "api": f"/api/v1/track/regions/{region_id}"})


@router.get("/pantau/wilayah/{region_id}/feed.atom")
def region_feed(request: Request, region_id: Id):
    card = _t(request).scorecard(region_id)
    if card is None:
        raise HTTPException(404, "wilayah tidak ditemukan")
    body = feeds.atom(card["region"], _t(request).feed_entries(region_id), str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/pantau/pasangan/{candidate_id}")
def pair(request: Request, candidate_id: Id, status: StatusQ = None):
    status = status.value if status is not None else None
    api = f"/api/v1/track/candidates/{candidate_id}" + (f"?status={quote(status)}" if status else "")
    if auth.current_actor(request).id is None:
        return _public_pair_page(request, candidate_id, status, api)
    data = _t(request).pair_tracking(candidate_id, status)
    if data is None:
        raise HTTPException(404, "pasangan calon tidak ditemukan")
    return page(request, "track/pair.html", {"data": data, "api": api})


def _public_pair_page(request: Request, candidate_id: int, status: str | None, api: str):
    """A pair's page as the public sees it: rendered once per version of the pair (and documents, status,
    path and day), kept with its tracking (:meth:`Tracker.pair_view`); each visitor's CSRF token goes into
    its slot."""
    today = _today()

    def make(full: dict[str, Any] | None) -> str | None:
        if full is None:
            return None
        return render_html(request, "track/pair.html", _context(request, {
            "data": pair_filtered(full, status), "api": api}, CSRF_SLOT))

    html = _t(request).pair_view(candidate_id, ("page", status, request.url.path, today), make)
    if html is None:
        raise HTTPException(404, "pasangan calon tidak ditemukan")
    return auth.finish(request, HTMLResponse(html.replace(CSRF_SLOT, auth.csrf_token(request))))


def _item_page(request: Request, item_id: int, *, error: str | None = None, form: dict | None = None,
               proposal_error: str | None = None, proposal_form: dict | None = None, notice: str | None = None,
               status_code: int = 200):
    t = _t(request)
    actor = auth.current_actor(request)
    if actor.id is None and not (error or form or proposal_error or proposal_form or notice) and status_code == 200:
        return _public_item_page(request, item_id)
    try:
        data = t.item_tracking(item_id, include_pending=actor.id is not None)
    except TrackError as exc:
        raise HTTPException(exc.status_code, exc.message) from None
    can_edit = actor.can_edit(data["region_id"])
    return page(request, "track/item.html", {
        "data": data, "can_edit": can_edit, "error": error,
        "suggestions": t.item_suggestions(item_id) if can_edit else [],
        "form": form or {}, "proposal_error": proposal_error, "proposal_form": proposal_form or {},
        "notice": notice, "api": f"/api/v1/items/{item_id}/tracking", "today": _today()}, status_code)


def _public_item_page(request: Request, item_id: int):
    """A promise's page as the public sees it (no message, no form sent back): rendered once per version of
    the promise (and day, and path), kept with its public tracking (:meth:`Tracker.public_view`); each
    visitor's CSRF token goes into its slot."""
    today = _today()

    def make(data: dict[str, Any]) -> str:
        return render_html(request, "track/item.html", _context(request, {
            "data": data, "can_edit": False, "error": None, "suggestions": [], "form": {}, "proposal_error": None,
            "proposal_form": {}, "notice": None, "api": f"/api/v1/items/{item_id}/tracking", "today": today},
            CSRF_SLOT))

    try:
        html = _t(request).public_view(item_id, ("page", request.url.path, today), make)
    except TrackError as exc:
        raise HTTPException(exc.status_code, exc.message) from None
    return auth.finish(request, HTMLResponse(html.replace(CSRF_SLOT, auth.csrf_token(request))))


def _today() -> str:
    return date.today().isoformat()


@router.get("/pantau/butir/{item_id}")
def item(request: Request, item_id: Id, ok: Annotated[str | None, Query(max_length=20)] = None):
    notices = {"tersimpan": "Perubahan tersimpan dan sudah tampil untuk publik.",
               "menunggu": "Perubahan tersimpan dan menunggu persetujuan peninjau sebelum tampil untuk publik.",
               "usulan": "Terima kasih. Usulan bukti Anda masuk antrean tinjauan dan baru tampil setelah disetujui.",
               "tahapan": "Tahapan tersimpan.",
               "diterima": "Saran diterima: bukti tercatat di riwayat janji (statusnya tidak berubah).",
               "ditolak": "Saran ditolak dan tidak akan diusulkan lagi."}
    return _item_page(request, item_id, notice=notices.get(ok or ""))


@router.post("/pantau/butir/{item_id}/status")
@_guard
def item_update(request: Request, item_id: Id, csrf: Text200 = None,
                status: Annotated[str | None, Form(max_length=40)] = None,
                evidence_url: Annotated[str | None, Form(max_length=2100)] = None,
                evidence_date: Annotated[str | None, Form(max_length=20)] = None, note: Text2k = None,
                progress_value: Annotated[str | None, Form(max_length=40)] = None,
                progress_target: Annotated[str | None, Form(max_length=40)] = None,
                progress_unit: Annotated[str | None, Form(max_length=60)] = None,
                measured_on: Annotated[str | None, Form(max_length=20)] = None,
                expected_version: Annotated[str | None, Form(max_length=20)] = None,
                evidence_file: Annotated[UploadFile | None, File()] = None):
    actor = _account(request)
    _csrf(request, csrf)
    form = {"status": status, "evidence_url": evidence_url, "evidence_date": evidence_date, "note": note,
            "progress_value": progress_value, "progress_target": progress_target, "progress_unit": progress_unit,
            "measured_on": measured_on}
    try:
        entry = _t(request).update_status(actor, item_id, status, evidence_url=evidence_url,
                                          evidence_file=_file(request, evidence_file),
                                          evidence_date=evidence_date, note=note,
                                          progress_value=progress_value, progress_target=progress_target,
                                          progress_unit=progress_unit, measured_on=measured_on,
                                          expected_version=expected_version, origin="form")
    except Forbidden:
        raise
    except (Conflict, Invalid) as exc:
        message = exc.message + (" Berkas bukti perlu diunggah ulang." if evidence_file and evidence_file.filename
                                 else "")
        return _item_page(request, item_id, error=message, form=form, status_code=exc.status_code)
    ok = "menunggu" if entry["state"] == "pending" else "tersimpan"
    return RedirectResponse(f"/pantau/butir/{item_id}?ok={ok}", status_code=303)


@router.post("/pantau/butir/{item_id}/usul")
@_guard
def item_propose(request: Request, item_id: Id, csrf: Text200 = None, proposer: Text200 = None,
                 contact: Text200 = None, status: Annotated[str | None, Form(max_length=40)] = None,
                 evidence_url: Annotated[str | None, Form(max_length=2100)] = None,
                 evidence_date: Annotated[str | None, Form(max_length=20)] = None, note: Text2k = None,
                 evidence_file: Annotated[UploadFile | None, File()] = None):
    _csrf(request, csrf)
    form = {"proposer": proposer, "contact": contact, "status": status, "evidence_url": evidence_url,
            "evidence_date": evidence_date, "note": note}
    t, ip = _t(request), auth.client_ip(request)
    try:
        try:
            got = _file(request, evidence_file)
        except TooLarge:
            t.count_proposal(ip)  # an over-size post counts against the rate limits as well
            raise
        t.propose(item_id, proposer=proposer or "", contact=contact, status=status or None, evidence_url=evidence_url,
                  evidence_file=got, evidence_date=evidence_date, note=note, ip=ip, limits=True)
    except (Invalid, Throttled) as exc:
        message = exc.message
        if evidence_file is not None and evidence_file.filename:
            message += " Berkas bukti perlu diunggah ulang."
        response = _item_page(request, item_id, proposal_error=message, proposal_form=form,
                              status_code=exc.status_code)
        return _throttled(response, exc) if isinstance(exc, Throttled) else response
    return RedirectResponse(f"/pantau/butir/{item_id}?ok=usulan", status_code=303)


@router.post("/pantau/butir/{item_id}/tahapan")
@_guard
def milestone_add(request: Request, item_id: Id, csrf: Text200 = None, name: Text200 = None,
                  planned_on: Annotated[str | None, Form(max_length=20)] = None,
                  reached_on: Annotated[str | None, Form(max_length=20)] = None,
                  evidence_url: Annotated[str | None, Form(max_length=2100)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    try:
        _t(request).add_milestone(actor, item_id, name or "", planned_on=planned_on, reached_on=reached_on,
                                  evidence_url=evidence_url)
    except Invalid as exc:
        return _item_page(request, item_id, error=exc.message, status_code=422)
    return RedirectResponse(f"/pantau/butir/{item_id}?ok=tahapan#tahapan", status_code=303)


@router.post("/pantau/tahapan/{milestone_id}/capai")
@_guard
def milestone_reach(request: Request, milestone_id: Id, csrf: Text200 = None,
                    reached_on: Annotated[str | None, Form(max_length=20)] = None,
                    evidence_url: Annotated[str | None, Form(max_length=2100)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    out = _t(request).reach_milestone(actor, milestone_id, reached_on, evidence_url or "")
    return RedirectResponse(f"/pantau/butir/{out['item_id']}?ok=tahapan#tahapan", status_code=303)


@router.get("/pantau/berkas/{file_id}")
def evidence_file(request: Request, file_id: Id):
    f = _t(request).file(file_id)
    actor = auth.current_actor(request)
    if f is None or (not f["published"] and actor.role not in ("admin", "reviewer", "editor")):
        raise HTTPException(404, "berkas tidak ditemukan")
    # served as a download, never rendered: a sniffed safe type or octet-stream, attachment, nosniff, sandboxed
    return Response(f["data"], media_type=f["content_type"], headers={
        "content-disposition": f"attachment; filename=\"bukti-{f['id']}\"; filename*=UTF-8''{quote(f['name'])}",
        "x-content-type-options": "nosniff", "cache-control": "private, no-transform"})


@router.get("/pantau/wilayah/{region_id}/unduh")
def region_download(request: Request, region_id: Id, format: Literal["csv", "xlsx"] = "csv"):
    return download(request, region_id, format)


# --- review, import, account ---------------------------------------------------------------------------------------

@router.get("/pantau/wilayah/{region_id}/saran")
@_guard
def region_suggestions(request: Request, region_id: Id, ok: Annotated[str | None, Query(max_length=20)] = None):
    actor = _account(request)
    data = _t(request).suggestions(actor, region_id)
    notices = {"diterima": "Saran diterima: bukti tercatat di riwayat janji (statusnya tidak berubah).",
               "ditolak": "Saran ditolak dan tidak akan diusulkan lagi."}
    return page(request, "track/suggestions.html", {"data": data, "notice": notices.get(ok or ""),
                                                    "api": f"/api/v1/track/regions/{region_id}/suggestions"})


def _back(next_url: str | None, fallback: str, ok: str) -> RedirectResponse:
    target = next_url if next_url and next_url.startswith("/pantau/") and "//" not in next_url else fallback
    target = target.split("?")[0]
    return RedirectResponse(f"{target}?ok={ok}", status_code=303)


@router.post("/pantau/saran/{suggestion_id}/terima")
@_guard
def suggestion_accept(request: Request, suggestion_id: Id, csrf: Text200 = None, note: Text2k = None,
                      next: Annotated[str | None, Form(max_length=500)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    out = _t(request).accept_suggestion(actor, suggestion_id, note)
    return _back(next, f"/pantau/butir/{out['item']['id']}", "diterima")


@router.post("/pantau/saran/{suggestion_id}/tolak")
@_guard
def suggestion_reject(request: Request, suggestion_id: Id, csrf: Text200 = None,
                      next: Annotated[str | None, Form(max_length=500)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    out = _t(request).reject_suggestion(actor, suggestion_id)
    return _back(next, f"/pantau/butir/{out['item']['id']}", "ditolak")


class QueueFilter(BaseModel):
    """The review queue's filters (query string of the page, hidden fields of its bulk form)."""

    jenis: Literal["usulan", "perubahan"] | None = None
    wilayah: int | None = Field(None, ge=1, le=2**31 - 1)
    berkas: Literal["ada", "tidak"] | None = None
    q: str | None = Field(None, max_length=200)
    pengirim: str | None = Field(None, pattern=r"^[0-9a-f]{32}$")

    def args(self) -> dict[str, Any]:
        return {"region": self.wilayah, "has_file": None if self.berkas is None else self.berkas == "ada",
                "text": self.q, "source": self.pengirim}

    def query(self, **more) -> str:
        values = self.model_dump() | more
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _queue_page(request: Request, actor: Actor, f: QueueFilter, page_no: int = 1, *, notice: str | None = None):
    kind = {"usulan": "proposals", "perubahan": "updates"}.get(f.jenis or "")
    data = _t(request).queue(actor, kind=kind, page=page_no, **f.args())
    regions = _t(request).store.regions()
    if actor.role != "admin":
        regions = [r for r in regions if r["id"] in actor.regions]
    return page(request, "track/queue.html", {"queue": data, "filter": f, "regions": regions, "notice": notice,
                                              "query": f.query(), "bulk_max": _t(request).BULK_MAX})


@router.get("/pantau/tinjau")
@_guard
def queue(request: Request, jenis: Annotated[Literal["usulan", "perubahan"] | None, Query()] = None,
          wilayah: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
          berkas: Annotated[Literal["ada", "tidak"] | None, Query()] = None,
          q: Annotated[str | None, Query(max_length=200)] = None,
          pengirim: Annotated[str | None, Query(pattern=r"^[0-9a-f]{32}$")] = None,
          page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
          ok: Annotated[int | None, Query(ge=0, le=10**9)] = None):
    actor = _account(request, "admin", "reviewer")
    f = QueueFilter(jenis=jenis, wilayah=wilayah, berkas=berkas, q=q, pengirim=pengirim)
    notice = f"{ok} usulan ditolak." if ok is not None else None
    return _queue_page(request, actor, f, page_no, notice=notice)


@router.post("/pantau/tinjau/usulan/tolak")
@_guard
def reject_proposals(request: Request, csrf: Text200 = None,
                     scope: Annotated[Literal["pilihan", "saringan"], Form()] = "pilihan",
                     ids: Annotated[list[int] | None, Form()] = None,
                     jenis: Annotated[Literal["usulan", "perubahan"] | None, Form()] = None,
                     wilayah: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
                     berkas: Annotated[Literal["ada", "tidak"] | None, Form()] = None,
                     q: Annotated[str | None, Form(max_length=200)] = None,
                     pengirim: Annotated[str | None, Form(pattern=r"^[0-9a-f]{32}$")] = None):
    """Bulk reject: the ticked proposals, or every pending proposal matching the queue's filters."""
    actor = _account(request, "admin", "reviewer")
    _csrf(request, csrf)
    f = QueueFilter(jenis=jenis, wilayah=wilayah, berkas=berkas, q=q or None, pengirim=pengirim)
    if scope == "pilihan":
        if not ids:
            return _queue_page(request, actor, f, notice="Tidak ada usulan yang dipilih.")
        out = _t(request).reject_proposals(actor, ids, **f.args())
    else:
        out = _t(request).reject_proposals(actor, None, **f.args())
    return RedirectResponse("/pantau/tinjau?" + f.query(ok=out["rejected"]), status_code=303)


def _back_to_queue(next_url: str | None) -> RedirectResponse:
    """Back to the queue page the reviewer came from (its filters and page), never elsewhere."""
    if next_url and (next_url == "/pantau/tinjau" or next_url.startswith("/pantau/tinjau?")) and "//" not in next_url:
        return RedirectResponse(next_url, status_code=303)
    return RedirectResponse("/pantau/tinjau", status_code=303)


@router.post("/pantau/tinjau/perubahan/{update_id}")
@_guard
def review_update(request: Request, update_id: Id, csrf: Text200 = None,
                  action: Annotated[Literal["setujui", "tolak"], Form()] = "setujui", note: Text2k = None,
                  next: Annotated[str | None, Form(max_length=800)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    _t(request).review(actor, update_id, action == "setujui", note)
    return _back_to_queue(next)


@router.post("/pantau/tinjau/usulan/{proposal_id}")
@_guard
def review_proposal(request: Request, proposal_id: Id, csrf: Text200 = None,
                    action: Annotated[Literal["setujui", "tolak"], Form()] = "setujui",
                    status: Annotated[str | None, Form(max_length=40)] = None,
                    next: Annotated[str | None, Form(max_length=800)] = None):
    actor = _account(request)
    _csrf(request, csrf)
    _t(request).review_proposal(actor, proposal_id, action == "setujui", status=status or None)
    return _back_to_queue(next)


@router.get("/pantau/impor")
@_guard
def import_form(request: Request):
    _account(request, "admin", "editor")
    return page(request, "track/import.html", {})


@router.post("/pantau/impor")
@_guard
def import_post(request: Request, csrf: Text200 = None, force: Annotated[bool, Form()] = False,
                file: Annotated[UploadFile | None, File()] = None):
    actor = _account(request, "admin", "editor")
    _csrf(request, csrf)
    try:
        got = _file(request, file)
    except Invalid as exc:
        return page(request, "track/import.html", {"error": exc.message}, exc.status_code)
    if got is None:
        return page(request, "track/import.html", {"error": "Pilih berkas CSV atau XLSX hasil ekspor."}, 422)
    try:
        rows = read_table(*got)
    except InputError as exc:
        return page(request, "track/import.html", {"error": str(exc)}, 422)
    report = _t(request).import_rows(actor, rows, force=force, source=got[0])
    return page(request, "track/import.html", {"report": report}, 422 if report["errors"] and not force else 200)


def _account_page(request: Request, actor: Actor, *, error: str | None = None, notice: str | None = None,
                  new_token: dict | None = None, status_code: int = 200):
    t = _t(request)
    return page(request, "track/account.html", {"tokens": t.tokens(actor), "new_token": new_token,
                                                "sessions": t.sessions(actor), "error": error, "notice": notice,
                                                "min_password": MIN_PASSWORD}, status_code)


@router.get("/akun")
@_guard
def account(request: Request, ok: Annotated[str | None, Query(max_length=20)] = None):
    actor = _account(request)
    notices = {"sandi": "Kata sandi diubah. Semua sesi lain akun ini sudah berakhir."}
    return _account_page(request, actor, notice=notices.get(ok or ""))


@router.post("/akun/sandi")
@_guard
def password_change(request: Request, csrf: Text200 = None, current: Text200 = None, new: Text200 = None,
                    repeat: Text200 = None):
    """Change one's own password: every other session of the account ends; this browser gets a new one."""
    actor = _account(request)
    _csrf(request, csrf)
    if (new or "") != (repeat or ""):
        return _account_page(request, actor, error="kata sandi baru dan ulangannya tidak sama", status_code=422)
    try:
        token = _t(request).change_password(actor, current or "", new or "", ip=auth.client_ip(request))
    except Invalid as exc:
        return _account_page(request, actor, error=exc.message, status_code=exc.status_code)
    response = RedirectResponse("/akun?ok=sandi", status_code=303)
    auth.set_session(request, response, token)
    return response


@router.post("/akun/keluar-semua")
@_guard
def logout_everywhere(request: Request, csrf: Text200 = None):
    """End every session of the account, this one included (a lost phone, a shared computer)."""
    actor = _account(request)
    _csrf(request, csrf)
    _t(request).end_sessions(actor)
    response = RedirectResponse("/masuk", status_code=303)
    auth.clear_session(request, response)
    return response


@router.post("/akun/token")
@_guard
def token_new(request: Request, csrf: Text200 = None, name: Text200 = None):
    actor = _account(request, "admin", "editor")
    _csrf(request, csrf)
    tok = _t(request).create_token(actor, name or "")
    return _account_page(request, actor, new_token=tok)


@router.post("/akun/token/{token_id}/cabut")
@_guard
def token_revoke(request: Request, token_id: Id, csrf: Text200 = None):
    actor = _account(request)
    _csrf(request, csrf)
    _t(request).revoke_token(actor, token_id)
    return RedirectResponse("/akun", status_code=303)


# --- admin ----------------------------------------------------------------------------------------------------------

def _users_page(request: Request, actor: Actor, error: str | None = None, status_code: int = 200):
    t = _t(request)
    regions = t.store.regions()
    settings = {r["id"]: t.needs_review(r["id"]) for r in regions}
    return page(request, "track/users.html", {"users": t.users(actor), "regions": regions, "review": settings,
                                              "roles": ("admin", "editor", "reviewer"), "error": error},
                status_code)


@router.get("/admin/pengguna")
@_guard
def users(request: Request):
    return _users_page(request, _account(request, "admin"))


@router.post("/admin/pengguna")
@_guard
def user_add(request: Request, csrf: Text200 = None, username: Text200 = None, name: Text200 = None,
             password: Text200 = None, role: Annotated[str | None, Form(max_length=20)] = None,
             regions: Annotated[list[int] | None, Form()] = None):
    actor = _account(request, "admin")
    _csrf(request, csrf)
    try:
        _t(request).add_user(username or "", password or "", role=role or "", name=name, regions=regions or [],
                             actor=actor)
    except Invalid as exc:
        return _users_page(request, actor, exc.message, 422)
    return RedirectResponse("/admin/pengguna", status_code=303)


@router.post("/admin/pengguna/{user_id}")
@_guard
def user_modify(request: Request, user_id: Id, csrf: Text200 = None,
                role: Annotated[str | None, Form(max_length=20)] = None,
                regions: Annotated[list[int] | None, Form()] = None,
                disabled: Annotated[bool, Form()] = False):
    actor = _account(request, "admin")
    _csrf(request, csrf)
    try:
        _t(request).modify_user(user_id, actor=actor, role=role or None, regions=regions or [], disabled=disabled)
    except Invalid as exc:
        return _users_page(request, actor, exc.message, 422)
    return RedirectResponse("/admin/pengguna", status_code=303)


@router.post("/admin/wilayah/{region_id}/tinjauan")
@_guard
def region_review(request: Request, region_id: Id, csrf: Text200 = None,
                  needs_review: Annotated[bool, Form()] = False):
    actor = _account(request, "admin")
    _csrf(request, csrf)
    _t(request).set_needs_review(actor, region_id, needs_review)
    return RedirectResponse("/admin/pengguna#wilayah", status_code=303)


@router.get("/admin/audit")
@_guard
def audit(request: Request, page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1):
    actor = _account(request, "admin")
    per = 100
    log = _t(request).audit(actor, limit=per, offset=(page_no - 1) * per)
    return page(request, "track/audit.html", {"log": log, "page": page_no, "pages": max(1, -(-log["total"] // per))})


@router.get("/admin/audit.csv")
@_guard
def audit_csv(request: Request):
    actor = _account(request, "admin")
    rows = _t(request).audit_rows(actor)
    cols = ["id", "at", "actor_id", "actor", "action", "target", "target_id", "before", "after", "ip"]
    return Response(sheets.csv_bytes(cols, ([r[c] for c in cols] for r in rows)), media_type=sheets.CSV_MEDIA_TYPE,
                    headers={"content-disposition": 'attachment; filename="janji-audit.csv"'})


@router.get("/pantau/track.css")
def stylesheet():
    return FileResponse(HERE / "static" / "track.css", media_type="text/css")



# --- request bodies -------------------------------------------------------------------------------------------------

EVIDENCE_POST = re.compile(r"^/pantau/(?:butir/\d+/(?:usul|status)|impor)$")
PROPOSAL_POST = re.compile(r"^/pantau/butir/\d+/usul$")


def body_limit(app, path: str) -> tuple[int, str, str] | None:
    """The largest request body a tracking form may send, with the message and the page to go back to when
    one is larger; None for other paths. The cap is twice the evidence limit (+1 MB of fields): a file up to
    that size is received and refused by the form itself, which keeps what was typed; only a larger body is
    refused before it is read."""
    if not EVIDENCE_POST.match(path):
        return None
    settings = auth.tracker_of(app).settings
    back = path.rsplit("/", 1)[0] if path.startswith("/pantau/butir/") else path
    return (2 * settings.evidence_max_bytes + 1024 * 1024,
            f"Berkas terlalu besar; batas berkas bukti {settings.evidence_max_mb} MB. Kembali ke formulir, pilih "
            "berkas yang lebih kecil atau kirim tautannya.", back)


class ProposalGate:
    """Refuses a public proposal with 429, without parsing or storing its body, when its address (or everyone)
    has already been refused by the proposal rate limits in this window: a flood's files never reach a
    temporary file or the database. The body is read and dropped (up to the body limit) before answering, so
    that the browser, still sending, gets the page rather than a reset connection."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "POST" and PROPOSAL_POST.match(scope.get("path", "")):
            from starlette.concurrency import run_in_threadpool

            request = Request(scope)
            response = await run_in_threadpool(self._refusal, request)
            if response is not None:
                more = True
                while more:  # drop the body as it comes (the body limit outside still applies)
                    message = await receive()
                    more = message["type"] == "http.request" and message.get("more_body", False)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _refusal(request: Request):
        wait, reason = _t(request).proposal_wait(auth.client_ip(request))
        if not wait:
            return None
        response = render_error(request, 429, "Terlalu banyak usulan", f"{reason}. Usulan ini tidak diterima.")
        response.headers["retry-after"] = str(max(1, int(wait + 0.999)))
        return response
