"""`/api/v1`: the JSON twins of the portal's pages (same query functions, same data)."""
from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from janji.web import exports, queries
from janji.web.params import (Filters, Kind, Measurable, Page, PerPage, RegionId, Sdg, SearchQ, SectorCode, Year,
                              clean_q, kind_value)


class Problem(BaseModel):
    detail: str


class ValidationProblem(BaseModel):
    detail: str
    errors: list[str] = []


INVALID = {422: {"model": ValidationProblem, "description": "Parameter tidak sah (pesan menyebut yang mana)."}}
NOT_FOUND = {404: {"model": Problem, "description": "Tidak ditemukan."}}
UPLOAD_ERRORS = {
    400: {"model": Problem, "description": "Badan permintaan tidak dapat dibaca."},
    403: {"model": Problem, "description": "Portal ini hanya-baca (unggahan dianalisis tetapi tidak disimpan), "
                                           "atau permintaan lintas situs dari browser."},
    413: {"model": Problem, "description": "Berkas atau teks melebihi batas ukuran."},
    415: {"model": Problem, "description": "Jenis berkas tidak didukung."},
    503: {"model": Problem, "description": "Server sedang menganalisis dokumen lain; coba lagi."},
}
CSV_XLSX = {200: {"description": "Berkas CSV atau XLSX.", "content": {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}}

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/api/v1", tags=["api"])


def _store(request: Request):
    return request.app.state.store


def _found(value, what: str):
    if value is None:
        raise HTTPException(404, f"{what} tidak ditemukan")
    return value


@router.get("/stats", responses=INVALID, summary="Ringkasan isi portal (beranda)")
def api_overview(request: Request):
    return queries.overview(_store(request))


@router.get("/regions", responses=INVALID, summary="Daftar wilayah dengan jumlah pemilihan, pasangan dan janji")
def api_regions(request: Request, page: Page = 1, per_page: PerPage = 50):
    return queries.regions(_store(request), page=page, per_page=per_page)


@router.get("/regions/{region_id}", responses={**INVALID, **NOT_FOUND},
            summary="Satu wilayah: pemilihan dan perbandingan pasangan calonnya")
def api_region(request: Request, region_id: Id, year: Year = None):
    return _found(queries.region(_store(request), region_id, year=year), "wilayah")


@router.get("/elections", responses=INVALID, summary="Daftar pemilihan (wilayah + tahun)")
def api_elections(request: Request, region: RegionId = None, year: Year = None, page: Page = 1,
                  per_page: PerPage = 50):
    return queries.elections(_store(request), region=region, year=year, page=page, per_page=per_page)


@router.get("/candidates", responses=INVALID, summary="Daftar pasangan calon")
def api_candidates(request: Request, region: RegionId = None, year: Year = None, page: Page = 1,
                   per_page: PerPage = 50):
    return queries.candidates(_store(request), region=region, year=year, page=page, per_page=per_page)


@router.get("/candidates/{candidate_id}", responses={**INVALID, **NOT_FOUND},
            summary="Satu pasangan calon: pohon janjinya dan sumbernya")
def api_candidate(request: Request, candidate_id: Id):
    return _found(queries.candidate(_store(request), candidate_id), "pasangan calon")


@router.get("/documents", responses=INVALID, summary="Daftar dokumen sumber")
def api_documents(request: Request, region: RegionId = None, page: Page = 1, per_page: PerPage = 50):
    return queries.documents(_store(request), region=region, page=page, per_page=per_page)


@router.get("/documents/{document_id}", responses={**INVALID, **NOT_FOUND},
            summary="Satu dokumen: teks bersih, butir janji dan rentang sumbernya")
def api_document(request: Request, document_id: Id):
    return _found(queries.document(_store(request), document_id), "dokumen")


@router.post("/documents", status_code=200, responses={**INVALID, **UPLOAD_ERRORS,
             201: {"description": "Dianalisis dan disimpan (portal yang dapat ditulisi)."}},
             summary="Unggah berkas atau teks: dianalisis dan (bila diizinkan) disimpan")
def api_upload(request: Request,
               file: Annotated[UploadFile | None, File(description="Berkas .txt, .md, .html, .pdf atau .docx.")] = None,
               text: Annotated[str | None, Form(max_length=600_000, description="Teks yang ditempel.")] = None,
               name: Annotated[str | None, Form(max_length=200, description="Nama dokumen.")] = None,
               save: Annotated[bool, Form(description="Simpan ke basis data (hanya portal yang dapat ditulisi).")] = False):
    from janji.web.analysis import analyse_upload
    from janji.web.security import cross_site

    if cross_site(request):  # a page on another site posting through a visitor's browser (CSRF)
        raise HTTPException(403, "permintaan lintas situs dari browser ditolak: unggah lewat halaman /unggah "
                                 "portal ini, atau panggil API dari skrip/server")
    result = analyse_upload(request.app, file=file, text=text, name=name, save=save)
    return JSONResponse(result, status_code=201 if result.get("stored") else 200)


@router.get("/items", responses=INVALID, summary="Daftar butir janji dengan filter")
def api_items(request: Request, region: RegionId = None, sector: SectorCode = None, sdg: Sdg = None, kind: Kind = None,
              measurable: Measurable = None, year: Year = None,
              candidate: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
              page: Page = 1, per_page: PerPage = 50):
    filters = Filters(region, sector, sdg, kind_value(kind), measurable, year, candidate)
    return queries.items(_store(request), filters, page=page, per_page=per_page)


@router.get("/items/{item_id}", responses={**INVALID, **NOT_FOUND},
            summary="Satu butir janji: teks, pasangan, bidang, target, sumber (dikutip dan disorot) dan statusnya")
def api_item(request: Request, item_id: Id):
    """The twin of ``/janji/{item_id}``: the item, its place in its tree (``ancestors``, ``children``), its
    ``source`` (title, publisher, URL, publication date) and ``source_url`` (its words highlighted in the
    document), and for promises ``tracking`` (status, progress, milestones, published history; null for a
    vision or a claim, which are not tracked)."""
    from janji.web.auth import tracker

    return _found(queries.promise(_store(request), item_id, tracker(request)), "butir janji")


class PlainJSON(JSONResponse):
    """:class:`JSONResponse`'s bytes, for content made of plain JSON types (dicts, lists, strings, numbers,
    booleans, None) built fresh per request, so without cycles: the encoder's cycle check, which records
    every dict and list it enters, is left out (a fifth of encoding a page of 50 search results)."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"),
                          check_circular=False).encode("utf-8")


@router.get("/search", responses=INVALID, summary="Cari janji (teks, dengan filter)")
def api_search(request: Request, q: SearchQ = "", region: RegionId = None, sector: SectorCode = None, sdg: Sdg = None,
               kind: Kind = None, measurable: Measurable = None, year: Year = None, page: Page = 1,
               per_page: PerPage = 50):
    filters = Filters(region, sector, sdg, kind_value(kind), measurable, year)
    return search_response(_store(request), q, filters, page, per_page)


def search_response(store, q: str, filters: Filters, page: int, per_page: int) -> JSONResponse:
    """The answer of ``/api/v1/search`` to validated parameters (the route's, and janji.web.direct's)."""
    # plain JSON types already: straight to the response, past FastAPI's per-value jsonable_encoder walk
    # (a sixth of a search's time, for 50 items with their snippets)
    return PlainJSON(queries.search(store, clean_q(q), filters, page=page, per_page=per_page))


@router.get("/compare", responses={**INVALID, **NOT_FOUND}, summary="Bandingkan pasangan calon satu pemilihan")
def api_compare(request: Request, region: Annotated[int, Query(ge=1, le=2**31 - 1)], year: Year = None):
    return _found(queries.compare(_store(request), region, year=year), "wilayah")


@router.get("/sectors", responses=INVALID, summary="Bidang urusan dengan jumlah janji")
def api_sectors(request: Request):
    return queries.sectors(_store(request))


@router.get("/sectors/{code}", responses={**INVALID, **NOT_FOUND}, summary="Semua janji satu bidang urusan")
def api_sector(request: Request, code: Annotated[str, Path(pattern=r"^[0-9]\.[0-9]{2}$")], region: RegionId = None,
               page: Page = 1, per_page: PerPage = 50):
    return _found(queries.sector(_store(request), code, region=region, page=page, per_page=per_page), "bidang urusan")


@router.get("/export/search", responses={**INVALID, **CSV_XLSX}, summary="Hasil pencarian sebagai CSV atau XLSX")
def api_export_search(request: Request, format: Literal["csv", "xlsx"] = "csv", q: SearchQ = "",
                      region: RegionId = None, sector: SectorCode = None, sdg: Sdg = None, kind: Kind = None,
                      measurable: Measurable = None, year: Year = None):
    filters = Filters(region, sector, sdg, kind_value(kind), measurable, year)
    rows = queries.export_search(_store(request), clean_q(q), filters)
    return _download(rows, "janji-pencarian", format)


@router.get("/export/regions/{region_id}", responses={**INVALID, **NOT_FOUND, **CSV_XLSX},
            summary="Semua janji satu wilayah sebagai CSV atau XLSX")
def api_export_region(request: Request, region_id: Id, format: Literal["csv", "xlsx"] = "csv", year: Year = None):
    rows = _found(queries.export_region(_store(request), region_id, year=year), "wilayah")
    return _download(rows, f"janji-wilayah-{region_id}", format)


@router.get("/regions/{region_id}/alignment", responses={**INVALID, **NOT_FOUND},
            summary="Janji vs RPJMD: janji pasangan terpilih dan butir rencana yang memuatnya")
def api_alignment(request: Request, region_id: Id, year: Year = None):
    """The latest stored campaign → plan alignment of the region's election (``alignment`` is null when
    none was made yet: ``janji align --region``)."""
    return _found(queries.alignment(_store(request), region_id, year=year), "wilayah")


@router.get("/regions/{region_id}/alignment/export", responses={**INVALID, **NOT_FOUND, **CSV_XLSX},
            summary="Janji vs RPJMD sebagai CSV atau XLSX (satu baris per janji)")
def api_alignment_export(request: Request, region_id: Id, format: Literal["csv", "xlsx"] = "csv", year: Year = None):
    data = _found(queries.alignment(_store(request), region_id, year=year), "wilayah")
    if data["alignment"] is None:
        raise HTTPException(404, "wilayah ini belum diselaraskan dengan rencananya")
    stem = f"janji-rpjmd-{region_id}" + (f"-{data['election']['year']}" if (data["election"] or {}).get("year") else "")
    body = exports.table_bytes(exports.ALIGNMENT_COLUMNS, exports.alignment_rows(data), format, "janji vs rpjmd")
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if format == "xlsx" \
        else "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{stem}.{format}"'})


def _download(rows, stem: str, fmt: str) -> Response:
    if fmt == "xlsx":
        return Response(exports.xlsx_bytes(rows, stem),
                        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"content-disposition": f'attachment; filename="{stem}.xlsx"'})
    return Response(exports.csv_bytes(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{stem}.csv"'})
