"""The shape of the analyser: stages apart, the language in one place, no rule written for one document."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from janji.pipeline import STAGES, Pipeline, PipelineError, load_stage

SRC = Path(__file__).resolve().parent.parent / "src" / "janji"
STAGE_PACKAGES = [p for p in (SRC / name for name in STAGES) if p.is_dir()]


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (a function-level import counts as much as a top-level one)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("package", STAGE_PACKAGES, ids=lambda p: p.name)
def test_a_stage_imports_no_other_stage(package):
    others = {f"janji.{p.name}" for p in STAGE_PACKAGES if p != package}
    for path in package.rglob("*.py"):
        bad = {m for m in imports(path) if any(m == o or m.startswith(o + ".") for o in others)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_lower_layers_import_no_stage():
    stages = {f"janji.{p.name}" for p in STAGE_PACKAGES}
    for path in [SRC / "document.py", SRC / "stage.py", *(SRC / "lang").rglob("*.py")]:
        bad = {m for m in imports(path) if any(m == s or m.startswith(s + ".") for s in stages)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize("name", list(STAGES))
def test_every_stage_declares_what_it_needs_and_sets(name):
    stage = load_stage(name)
    assert isinstance(stage.requires, tuple) and stage.assigns, name


def test_a_stage_left_out_that_a_later_one_needs_is_an_error():
    with pytest.raises(PipelineError, match="facts"):
        Pipeline(disable=["facts"])
    assert Pipeline(disable=["classify"]).names[-1] == "quantities"
    with pytest.raises(PipelineError, match="structure"):
        Pipeline(names=["read", "clean", "facts", "prose"])


# Words of a table that belongs to janji.lang: three of them in one string outside lang/ is a second copy.
LANGUAGE_TABLES = {
    "ordinals": {"kedua", "ketiga", "keempat", "kelima", "keenam", "kesatu"},
    "cardinals": {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"},
    "titles": {"prof", "drs", "dra", "hj", "kh", "drg"},
    "honorifics": {"gus", "ning", "mbak", "kang", "cak", "daeng", "uda"},
    "furniture": {"baca", "editor", "penulis", "reporter", "pewarta", "redaktur"},
}


def strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_language_tables_live_only_in_lang():
    found = []
    for path in SRC.rglob("*.py"):
        if (SRC / "lang") in path.parents:
            continue
        for line, value in strings(path):
            if value.lstrip().startswith((">>>", "Example")) or "\n" in value.strip():
                continue  # docstrings and their examples quote the language, they do not define it
            words = set(re.findall(r"[a-z]+", value.lower()))
            for table, vocabulary in LANGUAGE_TABLES.items():
                if len(words & vocabulary) >= 3:
                    found.append(f"{path.relative_to(SRC)}:{line} ({table}: {sorted(words & vocabulary)})")
    assert not found, "tables of janji.lang copied elsewhere:\n" + "\n".join(found)


def test_no_source_or_test_line_names_a_seed_development_or_corpus_document_or_its_candidates(shared):
    names = set()
    corpus_gold = Path(__file__).resolve().parent.parent / "annotations" / "corpus"
    for gold in [*(shared / "gold").glob("*.json"), *(shared / "devset" / "gold").glob("*.json"),
                 *corpus_gold.glob("*.json")]:
        data = json.loads(gold.read_text(encoding="utf-8"))
        names.add(gold.stem)
        for cand in data.get("candidates") or []:
            for name in [cand.get("head"), cand.get("deputy"), *(cand.get("aliases") or [])]:
                if name and (" " in name.strip() or len(name) >= 6):
                    names.add(name.strip())
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    root = SRC.parent.parent
    # the source and the tests alike: a rule or a unit test stands for a way of writing, not for one article
    paths = [*SRC.rglob("*.py"), *(p for p in (root / "tests").rglob("*.py") if p != Path(__file__).resolve())]
    hits = [f"{path.relative_to(root)}:{i}: {line.strip()[:80]}" for path in paths
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, f"{len(hits)} lines name a seed, development or corpus document or its candidates:\n" + "\n".join(hits)


# --- layers between packages --------------------------------------------------------------------------------------

# The packages (and top-level modules) of janji, lowest layer first. A package may import packages of its own
# layer (the cycle test keeps those apart) and of lower layers, never of a higher one. Tracking is a domain
# service over the store; the web presents it (its pages are janji.web.track_pages and janji.web.track_api).
LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"cache", "errors", "files", "redact", "sheets"}),
    ("language and reference data", {"document", "lang", "data", "learn"}),
    ("the stage protocol", {"stage"}),
    ("stages", {"read", "clean", "facts", "structure", "prose", "quantities", "classify", "align"}),
    ("pipeline", {"janji", "pipeline", "scale", "training"}),  # "janji": the package's front door
    ("store", {"store"}),
    ("tracking", {"track"}),
    ("web", {"web"}),
    ("command line", {"cli"}),
]

WEB_FRAMEWORKS = ("fastapi", "starlette", "jinja2", "itsdangerous", "uvicorn", "markupsafe")


def module_of(path: Path, src: Path) -> str:
    """``src/janji/track/core.py`` -> ``janji.track.core``; a package's ``__init__.py`` -> the package."""
    parts = list(path.relative_to(src.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, src: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in a file, at any depth, relative ones resolved, and
    ``from pkg import sub`` read as an import of the submodule ``pkg.sub`` where that is a module."""
    here = module_of(path, src)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            for alias in node.names:
                sub = src.parent.joinpath(*f"{base}.{alias.name}".split("."))
                is_module = sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file()
                out.append((node.lineno, f"{base}.{alias.name}" if is_module else base))
    return out


def unit_of(module: str, top: str) -> str | None:
    """The package or top-level module of ``top`` that ``module`` belongs to (``top`` itself for the
    package's ``__init__``); None outside ``top``."""
    parts = module.split(".")
    if parts[0] != top:
        return None
    return parts[1] if len(parts) > 1 else top


def package_graph(src: Path) -> dict[str, dict[str, list[str]]]:
    """unit -> {unit it imports: ["path:line", …]} between the packages and top-level modules under ``src``."""
    top = src.name
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(src.rglob("*.py")):
        here = unit_of(module_of(path, src), top)
        graph.setdefault(here, {})
        for line, module in imported_modules(path, src):
            there = unit_of(module, top)
            if there is not None and there != here:
                graph[here].setdefault(there, []).append(f"{path.relative_to(src.parent)}:{line}")
    return graph


def upward_imports(graph: dict[str, dict[str, list[str]]], layers: list[tuple[str, set[str]]]) -> dict:
    """{(unit, higher unit): where} for every import of a higher layer (a unit without a layer counts as
    the highest, so a new package must be given one)."""
    rank = {unit: i for i, (_, units) in enumerate(layers) for unit in units}
    top = len(layers)
    return {(a, b): where for a, edges in graph.items() for b, where in edges.items()
            if rank.get(b, top) > rank.get(a, top)}


def import_cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The groups of units that import each other, directly or around a loop (Tarjan's strongly connected
    components of more than one unit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_layer_checker_finds_upward_imports_and_cycles(tmp_path):
    src = tmp_path / "toy"
    _write(src, {
        "__init__.py": "",
        "base.py": "import os\n",
        "low/__init__.py": "",
        "low/a.py": "from ..base import thing\n\ndef late():\n    from toy.high import page  # upward, in a function\n",
        "low/b.py": "from . import a\nfrom toy import side\n",
        "side.py": "import toy.low.b\n",  # side <-> low: a cycle within one layer
        "high.py": "from toy import low\nfrom toy.low import a\n",
    })
    graph = package_graph(src)
    assert graph["high"] == {"low": ["toy/high.py:1", "toy/high.py:2"]}
    assert graph["low"] == {"base": ["toy/low/a.py:1"], "high": ["toy/low/a.py:4"], "side": ["toy/low/b.py:2"]}
    layers = [("base", {"base"}), ("middle", {"low", "side"}), ("top", {"high"})]
    assert set(upward_imports(graph, layers)) == {("low", "high")}
    assert sorted(import_cycles(graph)) == [["high", "low", "side"]]
    # a package no layer names is above every layer: importing it from any layer is upward
    assert ("low", "side") in upward_imports(graph, layers[:1] + [("middle", {"low"})] + layers[2:])
    assert import_cycles({"a": {"b": []}, "b": {"c": []}, "c": {}}) == []


def test_every_package_has_its_layer():
    units = set(package_graph(SRC))
    placed = {u for _, layer in LAYERS for u in layer}
    assert not units - placed, f"packages in no layer of LAYERS (give them one): {sorted(units - placed)}"
    assert not placed - units, f"LAYERS names packages that do not exist: {sorted(placed - units)}"


def test_no_package_imports_a_higher_layer():
    found = upward_imports(package_graph(SRC), LAYERS)
    assert not found, "imports of a higher layer:\n" + "\n".join(f"{a} -> {b}: {', '.join(w)}"
                                                                   for (a, b), w in found.items())


def test_no_import_cycle_between_packages():
    cycles = import_cycles(package_graph(SRC))
    assert not cycles, f"packages that import each other: {cycles}"


@pytest.mark.parametrize("package", ["store", "track"])
def test_the_domain_knows_nothing_of_the_web(package):
    """The store and tracking are used from Python and the CLI as they are from the portal: no web framework."""
    bad = [f"{path.relative_to(SRC)}:{line} {module}" for path in (SRC / package).rglob("*.py")
           for line, module in imported_modules(path, SRC) if module.split(".")[0] in WEB_FRAMEWORKS]
    assert not bad, "\n".join(bad)


def test_page_routers_render_without_the_app():
    """janji.web.app builds the application out of the routers; a router that imported it back would make
    a loop (rendering lives in janji.web.render)."""
    bad = [f"{path.relative_to(SRC)}:{line}" for path in (SRC / "web").rglob("*.py") if path.name != "__init__.py"
           for line, module in imported_modules(path, SRC) if module == "janji.web.app"]
    assert not bad, bad


def test_the_web_reads_the_store_and_tracking_through_their_apis():
    """No database session or table in the portal: what a page shows, Python and the CLI can ask for too."""
    tables = {"janji.store.models", "janji.store.align_models", "janji.store.db", "janji.track.models"}
    bad = [f"{path.relative_to(SRC)}:{line} {module}" for path in (SRC / "web").rglob("*.py")
           for line, module in imported_modules(path, SRC) if module.split(".")[0] == "sqlalchemy" or module in tables]
    assert not bad, "\n".join(bad)
