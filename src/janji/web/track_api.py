"""Tracking's ``/api/v1`` routes: statuses, scorecards, a pair's and a promise's tracking, recording an
update with an API token, and the editors' decisions on evidence suggestions.

Every route calls :class:`janji.track.Tracker` — the same rules as the pages, the CLI and bulk import —
and answers a refusal of the rules (:class:`janji.track.TrackError`) with its status and Indonesian message.
"""
from __future__ import annotations

import json

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Path, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, field_validator

from janji import sheets
from janji.track import statuses as st
from janji.track.service import EXPORT_COLUMNS, Conflict, NotTracked, TrackError, date_pattern, pair_filtered
from janji.web import auth
from janji.web.params import StatusQ

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/api/v1", tags=["pantau"])


def _t(request: Request):
    return auth.tracker(request)


def download(request: Request, region_id: int, fmt: str) -> Response:
    """A region's promises with status, progress and latest evidence as CSV or XLSX (the import layout)."""
    try:
        rows = _t(request).export_rows(region_id)
    except TrackError as exc:
        raise HTTPException(exc.status_code, exc.message) from None
    stem = f"pantau-wilayah-{region_id}"
    body = sheets.table_bytes(EXPORT_COLUMNS, ([r[c] for c in EXPORT_COLUMNS] for r in rows), fmt, "pantau")
    return Response(body, media_type=sheets.media_type(fmt),
                    headers={"content-disposition": f'attachment; filename="{stem}.{fmt}"'})


# what janji.track.validation.http_url takes, said so that every regex engine reads it alike: an ASCII host,
# then anything but the four characters the service refuses (no \S: engines disagree on what is space)
EVIDENCE_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9._~%!$&'()*+,;=:-]+(?:[/?#][^\t\n\r ]*)?$"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_schema(schema: dict[str, Any]) -> None:
    """The days the service takes (1945 up to tomorrow), stated in the schema as a pattern."""
    schema["pattern"] = date_pattern()


def _optional_date_schema(schema: dict[str, Any]) -> None:
    for option in schema.get("anyOf", []):
        if option.get("type") == "string":
            option["pattern"] = date_pattern()


class UpdateIn(BaseModel):
    """A change of status and/or progress, with its evidence (validated like the form).

    The schema and the validation agree: every body this schema allows is accepted (201/202), or refused
    for the state of the promise (404 not a tracked promise, 409 changed since ``expected_version`` or no
    numeric target for a progress value) or of the token (401/403), never as invalid.
    """

    status: Literal[tuple(st.ALIASES)] = Field(  # type: ignore[valid-type]
        ..., description="Status: " + ", ".join(st.STATUSES) + " (juga nama Inggris: kept, broken, stalled, …).")
    expected_version: int = Field(..., ge=0, le=2**31 - 1,
                                  description="Versi yang Anda lihat (0 bila belum pernah dinilai).")
    evidence_url: str = Field(..., max_length=2000, json_schema_extra={"pattern": EVIDENCE_URL},
                              description="URL sumber bukti: alamat http:// atau https:// lengkap.")
    evidence_date: str = Field(..., max_length=10, json_schema_extra=_date_schema,
                               description="Tanggal bukti, TTTT-BB-HH (sejak 1945, paling lambat besok).")
    note: str | None = Field(None, max_length=4000)
    progress_value: float | None = Field(None, ge=0, le=1e15, allow_inf_nan=False)
    progress_target: float | None = Field(None, gt=0, le=1e15, allow_inf_nan=False)
    progress_unit: str | None = Field(None, max_length=50)
    measured_on: str | None = Field(None, max_length=10, json_schema_extra=_optional_date_schema,
                                    description="Tanggal pengukuran capaian, TTTT-BB-HH (bila kosong dan "
                                                "nilai capaian diisi: tanggal bukti).")

    @field_validator("evidence_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.fullmatch(EVIDENCE_URL, value):
            raise ValueError("URL bukti harus alamat http:// atau https:// yang lengkap")
        return value

    @field_validator("evidence_date", "measured_on")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        # the calendar and the range are the service's (one rule for forms, API and import); the API takes
        # only the TTTT-BB-HH spelling its schema states
        if value is not None and not ISO_DATE.fullmatch(value):
            raise ValueError("harus tanggal TTTT-BB-HH")
        return value


class Problem(BaseModel):
    detail: str
    errors: list[str] = []


ERR = {404: {"model": Problem, "description": "Tidak ditemukan (atau butir itu bukan janji yang dipantau)."},
       422: {"model": Problem, "description": "Parameter tidak sah."}}
CSV_XLSX = {200: {"description": "Berkas CSV atau XLSX.", "content": {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string",
                                                                                      "format": "binary"}}}}}


def _api_error(exc: TrackError) -> JSONResponse:
    body: dict[str, Any] = {"detail": exc.message, "errors": exc.errors}
    if isinstance(exc, Conflict):
        body["current"] = exc.current
    return JSONResponse(body, status_code=exc.status_code)


def _not_tracked(exc: TrackError) -> JSONResponse:
    """A vision or a claim has no tracking resource: 404 (with the reason), like an unknown id."""
    return JSONResponse({"detail": exc.message, "errors": exc.errors}, status_code=404)


@router.get("/track/statuses", summary="Skala status janji beserta definisinya")
def api_statuses():
    return {"statuses": st.definitions()}


@router.get("/track/regions", summary="Rekap status janji per wilayah")
def api_regions(request: Request):
    return {"regions": _t(request).regions_rollup(), "definitions": st.definitions()}


@router.get("/track/regions/{region_id}", responses=ERR, summary="Kartu skor satu wilayah: status, capaian, rekap, deret waktu")
def api_region(request: Request, region_id: Id):
    card = _t(request).scorecard(region_id)
    if card is None:
        raise HTTPException(404, "wilayah tidak ditemukan")
    return card


@router.get("/track/regions/{region_id}/export", responses={**ERR, **CSV_XLSX}, summary="Kartu skor sebagai CSV atau XLSX (tata letak impor)")
def api_region_export(request: Request, region_id: Id, format: Literal["csv", "xlsx"] = "csv"):
    return download(request, region_id, format)


@router.get("/track/candidates/{candidate_id}", responses=ERR, summary="Janji satu pasangan dengan statusnya, rekap per misi")
def api_pair(request: Request, candidate_id: Id, status: StatusQ = None):
    status = status.value if status is not None else None
    # encoded once per version of the pair (and documents, and status)
    body = _t(request).pair_view(candidate_id, ("json", status),
                                 lambda full: None if full is None else _json_bytes(pair_filtered(full, status)))
    if body is None:
        raise HTTPException(404, "pasangan calon tidak ditemukan")
    return Response(body, media_type="application/json")


def _json_bytes(value: Any) -> bytes:
    """What FastAPI would answer for ``value`` (its encoder, then its JSON response), as bytes to keep.

    Made again after every change of a promise, in every worker: the JSON encoder walks plain dicts, lists,
    strings and numbers itself (as JSONResponse does, with its settings) and hands FastAPI's encoder only
    what it cannot write (dates and times, decimals…), which is what that encoder would have made of them:
    the same bytes, without first copying the whole value through ``jsonable_encoder``."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"),
                      default=jsonable_encoder).encode("utf-8")


def _public_json(request: Request, item_id: int, name: str, make) -> Response:
    """A promise's public tracking as JSON (``make`` picks what), encoded once per version of the promise."""
    try:
        body = _t(request).public_view(item_id, name, lambda data: _json_bytes(make(data)))
    except TrackError as exc:
        return _not_tracked(exc)
    return Response(body, media_type="application/json")


@router.get("/items/{item_id}/tracking", responses=ERR, summary="Status, capaian, tahapan dan riwayat satu janji")
def api_item_tracking(request: Request, item_id: Id):
    return _public_json(request, item_id, "json", lambda data: data)


@router.get("/items/{item_id}/history", responses=ERR, summary="Riwayat status satu janji (terbaru dahulu)")
def api_item_history(request: Request, item_id: Id):
    return _public_json(request, item_id, "history.json",
                        lambda data: {"item_id": data["item_id"], "history": data["history"]})


@router.post("/items/{item_id}/updates", status_code=201, summary="Catat perubahan status dengan bukti (token editor)",
          responses={400: {"model": Problem, "description": "Badan permintaan bukan JSON yang dapat dibaca."},
                     401: {"description": "Tanpa token yang sah."}, 403: {"description": "Tidak berhak."},
                     202: {"description": "Tersimpan, menunggu persetujuan peninjau."},
                     404: {"model": Problem, "description": "Butir tidak ditemukan."},
                     409: {"description": "Janji berubah sejak versi yang Anda kirim; tidak ada yang disimpan."},
                     422: {"model": Problem, "description": "Data tidak sah (pesan menyebut yang mana)."}})
def api_item_update(request: Request, item_id: Id, body: Annotated[UpdateIn, Body()]):
    return record_update(request, item_id, body)


def record_update(request: Request, item_id: int, body: UpdateIn) -> Response:
    """What ``POST /api/v1/items/{item_id}/updates`` answers for a body that passed :class:`UpdateIn`: the route's
    work, and :class:`janji.web.direct.DirectReads`' for the same request (one function, the same answer)."""
    actor = auth.token_actor(request)
    if actor is None:
        return JSONResponse({"detail": "perlu token API yang sah (Authorization: Bearer jnj_…)"}, status_code=401,
                            headers={"www-authenticate": "Bearer"})
    measured_on = body.measured_on
    if measured_on is None and body.progress_value is not None:
        measured_on = body.evidence_date  # as the schema says: measured on the day of the evidence
    try:
        entry = _t(request).update_status(actor, item_id, body.status, evidence_url=body.evidence_url,
                                          evidence_date=body.evidence_date, note=body.note,
                                          progress_value=body.progress_value, progress_target=body.progress_target,
                                          progress_unit=body.progress_unit, measured_on=measured_on,
                                          expected_version=body.expected_version, origin="api")
    except NotTracked as exc:
        return _not_tracked(exc)
    except TrackError as exc:
        return _api_error(exc)
    return JSONResponse(entry, status_code=201 if entry["state"] == "published" else 202)


AUTH = {401: {"model": Problem, "description": "Tanpa token API yang sah."},
        403: {"model": Problem, "description": "Token ini bukan milik editor wilayah itu (atau admin)."}}


def _token_or_401(request: Request):
    actor = auth.token_actor(request)
    if actor is None:
        return None, JSONResponse({"detail": "perlu token API yang sah (Authorization: Bearer jnj_…)"},
                                  status_code=401, headers={"www-authenticate": "Bearer"})
    return actor, None


@router.get("/track/regions/{region_id}/suggestions", responses={**ERR, **AUTH},
         summary="Saran bukti yang menunggu keputusan editor, per janji (token editor wilayah)")
def api_region_suggestions(request: Request, region_id: Id):
    return _with_token(request, lambda t, actor: t.suggestions(actor, region_id))


class DecisionIn(BaseModel):
    note: str | None = Field(default=None, max_length=4000, description="Catatan editor (bila menerima).")


DECISION = {**AUTH, 404: {"model": Problem, "description": "Saran tidak ditemukan."},
            409: {"model": Problem, "description": "Saran ini sudah diputuskan."},
            400: {"model": Problem, "description": "Badan permintaan bukan JSON yang dapat dibaca."},
            422: {"model": Problem, "description": "Badan permintaan tidak sah."}}


def _with_token(request: Request, action):
    """Run ``action(tracker, actor)`` for the token's account: 401 without a token, a TrackError as its status."""
    actor, denied = _token_or_401(request)
    if denied is not None:
        return denied
    try:
        return action(_t(request), actor)
    except TrackError as exc:
        return _api_error(exc)


@router.post("/suggestions/{suggestion_id}/accept", responses=DECISION,
          summary="Terima saran bukti: menjadi entri riwayat janji beserta sumber dan tanggalnya (status tidak berubah)")
def api_suggestion_accept(request: Request, suggestion_id: Id, body: Annotated[DecisionIn | None, Body()] = None):
    return _with_token(request, lambda t, actor: t.accept_suggestion(actor, suggestion_id, body.note if body else None))


@router.post("/suggestions/{suggestion_id}/reject", responses=DECISION,
          summary="Tolak saran bukti: tidak akan diusulkan lagi")
def api_suggestion_reject(request: Request, suggestion_id: Id):
    return _with_token(request, lambda t, actor: t.reject_suggestion(actor, suggestion_id))
