"""The portal's HTML pages: each renders the dict its `/api/v1` twin returns."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse

from janji.data import labels
from janji.track import statuses
from janji.web import auth, queries, views
from janji.web.render import render
from janji.web.params import (Filters, Kind, Measurable, Page, PerPage, RegionId, Sdg, SearchQ, SectorCode, Year,
                              clean_q, kind_value)

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _found(value, what: str):
    if value is None:
        raise HTTPException(404, f"{what} tidak ditemukan")
    return value


def _store(request: Request):
    return request.app.state.store


@router.get("/")
def home(request: Request):
    data = queries.overview(_store(request))
    return render(request, "home.html", {"data": data, "api": "/api/v1/stats"})


@router.get("/wilayah/{region_id}")
def region(request: Request, region_id: Id, year: Year = None):
    data = _found(queries.region(_store(request), region_id, year=year), "wilayah")
    api = f"/api/v1/regions/{region_id}" + (f"?year={year}" if year else "")
    return render(request, "region.html", {"data": data, "api": api})


@router.get("/wilayah/{region_id}/janji-rpjmd")
def alignment(request: Request, region_id: Id, year: Year = None):
    data = _found(queries.alignment(_store(request), region_id, year=year), "wilayah")
    api = f"/api/v1/regions/{region_id}/alignment" + (f"?year={year}" if year else "")
    return render(request, "alignment.html", {"data": data, "api": api})


@router.get("/pasangan/{candidate_id}")
def candidate(request: Request, candidate_id: Id):
    data = _found(queries.candidate(_store(request), candidate_id), "pasangan calon")
    return render(request, "candidate.html", {"data": data, "api": f"/api/v1/candidates/{candidate_id}"})


@router.get("/dokumen/{document_id}")
def document(request: Request, document_id: Id,
             sorot: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$",
                                                description="Sorot teks [awal, akhir) (kalimat bukti).")] = None):
    data = _found(queries.document(_store(request), document_id), "dokumen")
    if sorot:
        start, end = (int(v) for v in sorot.split("-"))
        if 0 <= start < end <= len(data.get("text") or ""):
            data = {**data, "segments": views.mark_span(data["segments"], start, end)}
    return render(request, "document.html", {"doc": data, "api": f"/api/v1/documents/{document_id}"})


@router.get("/janji/{item_id}")
def promise(request: Request, item_id: Id):
    data = _found(queries.promise(_store(request), item_id, auth.tracker(request)), "butir janji")
    return render(request, "promise.html", {
        "data": data, "api": f"/api/v1/items/{item_id}",
        "canonical": str(request.url_for("promise", item_id=item_id)),
        # the tracking macros read the statuses' definitions as the tracking pages give them
        "definitions": statuses.definitions()})


@router.get("/janji/{item_id}/sumber")
def promise_source(request: Request, item_id: Id):
    """A promise's words in its source, highlighted: a short link that outlives the document's page layout."""
    data = _found(queries.item(_store(request), item_id), "butir janji")
    span = data.get("span") or (None, None)
    from janji.store.suggest import source_url

    return RedirectResponse(source_url(data["document_id"], span[0], span[1]), status_code=303)


@router.get("/butir/{item_id}")
def item(request: Request, item_id: Id):
    # the first address of an item (it led to its place in the source); its own page has it now
    _found(queries.item(_store(request), item_id), "butir janji")
    return RedirectResponse(f"/janji/{item_id}", status_code=301)


@router.get("/cari")
def search(request: Request, q: SearchQ = "", region: RegionId = None, sector: SectorCode = None, sdg: Sdg = None,
           kind: Kind = None, measurable: Measurable = None, year: Year = None, page: Page = 1,
           per_page: PerPage = 50):
    filters = Filters(region, sector, sdg, kind_value(kind), measurable, year)
    q = clean_q(q)
    data = queries.search(_store(request), q, filters, page=page, per_page=per_page)
    query = {"q": q, **filters.as_query()} if q else filters.as_query()
    if per_page != 50:
        query["per_page"] = per_page
    return render(request, "search.html", {
        "data": data, "q": q, "filters": filters, "regions": queries.region_choices(_store(request)),
        "sectors": labels.sectors(), "sdgs": labels.sdgs(), "query": query,
        "api": "/api/v1/search?" + urlencode({**query, "page": page}),
    })


@router.get("/bidang")
def sectors(request: Request):
    data = queries.sectors(_store(request))
    return render(request, "sectors.html", {"data": data, "api": "/api/v1/sectors"})


@router.get("/bidang/{code}")
def sector(request: Request, code: Annotated[str, Path(pattern=r"^[0-9]\.[0-9]{2}$")], region: RegionId = None,
           page: Page = 1, per_page: PerPage = 50):
    data = _found(queries.sector(_store(request), code, region=region, page=page, per_page=per_page), "bidang urusan")
    query = {k: v for k, v in (("region", region), ("per_page", per_page if per_page != 50 else None)) if v}
    return render(request, "sector.html", {"data": data, "region": region, "query": query,
                                           "api": f"/api/v1/sectors/{code}"})


@router.get("/unggah")
def upload_form(request: Request):
    return _upload_page(request, {})


def _upload_page(request: Request, context: dict, status_code: int = 200):
    """The upload form with its CSRF token (and the browser's CSRF cookie, the first time)."""
    context = {"writable": request.app.state.writable, "csrf": auth.csrf_token(request), **context}
    return auth.finish(request, render(request, "upload.html", context, status_code=status_code))


@router.post("/unggah")
def upload_post(request: Request, file: Annotated[UploadFile | None, File()] = None,
                text: Annotated[str | None, Form(max_length=600_000)] = None,
                name: Annotated[str | None, Form(max_length=200)] = None,
                save: Annotated[bool, Form()] = False,
                csrf: Annotated[str | None, Form(max_length=200)] = None):
    from janji.web.analysis import analyse_upload, result_view

    # a form on another site must not make a visitor's browser upload (and, on a writable portal, publish)
    problem = auth.csrf_problem(request, csrf)
    if problem:
        return _upload_page(request, {"error": problem, "text": text or ""}, status_code=403)
    try:
        result = analyse_upload(request.app, file=file, text=text, name=name,
                                save=save and request.app.state.writable)
    except HTTPException as exc:
        return _upload_page(request, {"error": exc.detail, "text": text or ""}, status_code=exc.status_code)
    if result["stored"]:
        return RedirectResponse(result["url"], status_code=303)
    return render(request, "document.html", {"doc": result_view(result), "uploaded": True})


@router.get("/api/docs")
def api_docs(request: Request):
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                        "params": op.get("parameters", []), "responses": op.get("responses", {}),
                        "body": op.get("requestBody")})
    return render(request, "api_docs.html", {"spec": spec, "ops": ops})
